import { queueEmail } from '../../events/email.ts';
import { emailView } from '../delivery/email-status.ts';
import { emailTags } from '../../events/email-subject.ts';
import { courseAssignmentEmail } from '../documents/emails/course-assignment-email.ts';
import { resolveLanguage } from '../documents/languages.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor, Clock, IdGenerator, PageRequest } from '../kernel.ts';
import type { LearningStore } from '../learning/ports.ts';
import type { Course, CourseAssignment, CourseKind } from './model.ts';
import type { SharingStore } from './ports.ts';
import { standingShare } from './use-cases.ts';

export interface CourseDependencies {
  store: SharingStore;
  learners: Pick<LearningStore, 'learner'>;
  clock: Clock;
  ids: IdGenerator;
  /** The address a staff member writes to for help, named in the email. */
  support: string;
}

/** Delivery tracking: a course email belongs to its assignment (the client, the staff member, the id). */
export const courseEmailTags = (clientOrg: string, staffId: string, assignmentId: string) =>
  emailTags({ kind: 'course', org: clientOrg, staff: staffId, assignment: assignmentId });

/**
 * A client's onboarding and learn courses, issued to staff shared with it (seed 002). Every route
 * about a staff member first checks the grant (standingShare): a staff member never shared, revoked
 * or behind an unlink is 404 for all of them.
 */
export function courseUseCases({ store, learners, clock, ids, support }: CourseDependencies) {
  const now = () => clock.now().toISOString();

  async function sharedPerson(clientOrg: string, staffId: string) {
    const standing = await standingShare(store, clientOrg, staffId);
    const learner = standing && (await learners.learner(standing.share.supplierOrg, staffId));
    if (!standing || !learner) throw new NotFoundError('Staff member');
    return { ...standing, learner };
  }

  const assignmentView = (a: CourseAssignment) => ({
    id: a.id,
    courseId: a.courseId,
    staffId: a.staffId,
    title: a.title,
    kind: a.kind,
    ...(a.dueAt ? { dueAt: a.dueAt } : {}),
    assignedAt: a.assignedAt,
    language: a.language,
    ...(a.emailDelivery ? { email: emailView(a.emailDelivery) } : {}),
  });

  return {
    async createCourse(actor: Actor, input: { title: string; kind: CourseKind }) {
      const course: Course = {
        id: ids.next(),
        title: input.title,
        kind: input.kind,
        createdAt: now(),
        createdBy: actor.userId,
      };
      await store.createCourse(actor.org, course, actor);
      return { id: course.id, title: course.title, kind: course.kind, createdAt: course.createdAt };
    },

    async courses(actor: Actor, page: PageRequest) {
      const found = await store.courses(actor.org, page);
      return {
        items: found.items.map((c) => ({ id: c.id, title: c.title, kind: c.kind, createdAt: c.createdAt })),
        next: found.next,
      };
    },

    /**
     * Issues a course to a shared staff member: recorded with audit entries on both sides and, in
     * the same transaction (outbox), the email telling them, in their preferred language.
     */
    async assignCourse(
      actor: Actor,
      staffId: string,
      input: { courseId: string; dueAt?: string | undefined },
    ) {
      const { share, link, learner } = await sharedPerson(actor.org, staffId);
      const course = await store.course(actor.org, input.courseId);
      if (!course) throw new NotFoundError('Course');
      const language = resolveLanguage(learner.preferredLanguage);
      const assignment: CourseAssignment = {
        id: ids.next(),
        courseId: course.id,
        staffId,
        supplierOrg: share.supplierOrg,
        title: course.title,
        kind: course.kind,
        dueAt: input.dueAt,
        assignedAt: now(),
        assignedBy: actor.userId,
        language,
      };
      const email = queueEmail({
        dedupeKey: `course-assignment:${assignment.id}`,
        to: [learner.email],
        ...courseAssignmentEmail({
          name: learner.name,
          language,
          clientName: link.clientName,
          course: { title: course.title, kind: course.kind },
          dueAt: input.dueAt,
          support,
        }),
        tags: courseEmailTags(actor.org, staffId, assignment.id),
      });
      // Refused only when the share was revoked between the check above and this write.
      if (!(await store.assignCourse(actor.org, assignment, share.shareId, actor, { outbox: [email] })))
        throw new NotFoundError('Staff member');
      return assignmentView(assignment);
    },

    async staffCourses(actor: Actor, staffId: string, page: PageRequest) {
      await sharedPerson(actor.org, staffId);
      const found = await store.courseAssignments(actor.org, staffId, page);
      return { items: found.items.map(assignmentView), next: found.next };
    },
  };
}

export type CourseUseCases = ReturnType<typeof courseUseCases>;
