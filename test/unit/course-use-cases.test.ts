import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../domain/errors.ts';
import type { Learner } from '../../domain/learning/model.ts';
import { courseUseCases } from '../../domain/sharing/courses.ts';
import type { Course, CourseAssignment, StaffShare, SupplierLink } from '../../domain/sharing/model.ts';
import { staffShare } from '../support/staff-shares.ts';
import type { SharingStore } from '../../domain/sharing/ports.ts';
import { emailMessage } from '../../events/email.ts';

/** Issuing courses to shared staff, over in-memory ports: what is checked, recorded and emailed. */
const at = new Date('2026-11-30T12:00:00.000Z');
const actor = { org: 'client', userId: 'client-user', email: 'c@example.com' };
const staff: Learner = {
  id: 's1',
  name: 'Zoé',
  email: 'zoe@example.com',
  preferredLanguage: 'fr-CA',
  createdAt: at.toISOString(),
  profiles: [],
};
const grant = staffShare({ sharedAt: at.toISOString() });
const link = { linkId: 'l1', clientName: 'Acme', supplierOrg: 'supplier' } as SupplierLink;
const course: Course = {
  id: 'c1',
  title: 'Safety',
  kind: 'learn',
  createdAt: at.toISOString(),
  createdBy: 'u',
};

function setup(current: { share?: StaffShare; link?: SupplierLink; assignAccepted?: boolean } = {}) {
  const { share = grant, assignAccepted = true } = current;
  const standingLink = 'link' in current ? current.link : link;
  const assigned: {
    org: string;
    assignment: CourseAssignment;
    shareId: string;
    outbox: readonly unknown[];
  }[] = [];
  let n = 0;
  const store = {
    staffShare: async (clientOrg: string, staffId: string) =>
      clientOrg === share.clientOrg && staffId === share.staffId ? share : undefined,
    supplierLink: async () => standingLink,
    course: async (clientOrg: string, id: string) =>
      clientOrg === 'client' && id === course.id ? course : undefined,
    assignCourse: async (
      org: string,
      assignment: CourseAssignment,
      shareId: string,
      _a: unknown,
      owed: { outbox: readonly unknown[] },
    ) => {
      if (!assignAccepted) return false;
      assigned.push({ org, assignment, shareId, outbox: owed.outbox });
      return true;
    },
  } as unknown as SharingStore;
  const useCases = courseUseCases({
    store,
    learners: { learner: async (org, id) => (org === 'supplier' && id === staff.id ? staff : undefined) },
    clock: { now: () => at },
    ids: { next: () => `a${n++}` },
    support: 'help@example.com',
  });
  return { useCases, assigned };
}

describe('issuing a course to a shared staff member', () => {
  it('records the assignment with its email: to them, in their language, deduplicated and tagged', async () => {
    const { useCases, assigned } = setup();
    const answer = await useCases.assignCourse(actor, 's1', {
      courseId: 'c1',
      dueAt: '2026-12-24T00:00:00.000Z',
    });
    expect(answer).toEqual({
      id: 'a0',
      courseId: 'c1',
      staffId: 's1',
      title: 'Safety',
      kind: 'learn',
      dueAt: '2026-12-24T00:00:00.000Z',
      assignedAt: at.toISOString(),
      language: 'fr',
    });
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({
      org: 'client',
      shareId: 'g1',
      assignment: { supplierOrg: 'supplier' },
    });
    const [email] = assigned[0]!.outbox as { queue: string; body: unknown }[];
    expect(email!.queue).toBe('email');
    const body = emailMessage.parse(email!.body);
    expect(body).toMatchObject({
      dedupeKey: 'course-assignment:a0',
      to: ['zoe@example.com'],
      subject: 'Nouveau cours : Safety',
      tags: { kind: 'course', org: 'client', staff: 's1', assignment: 'a0' },
    });
    expect(body.text).toContain("Acme vous a attribué le cours d'apprentissage « Safety »");
  });

  it.each([
    ['never shared', { share: { ...grant, staffId: 'other' } }],
    ['behind an unlink', { link: undefined }],
    ['shared under an earlier link', { link: { ...link, linkId: 'l0' } as SupplierLink }],
    ['revoked while the assignment was being written', { assignAccepted: false }],
  ])('answers 404 for a staff member %s, and emails nobody', async (_label, current) => {
    const { useCases, assigned } = setup(current);
    await expect(useCases.assignCourse(actor, 's1', { courseId: 'c1' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(assigned).toEqual([]);
  });

  it.each([
    ['never shared', { share: { ...grant, staffId: 'other' } }],
    ['behind an unlink', { link: undefined }],
  ])('answers 404 for the course list of a staff member %s', async (_label, current) => {
    const { useCases } = setup(current);
    await expect(useCases.staffCourses(actor, 's1', { limit: 10 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("answers 404 for another client's course", async () => {
    const { useCases, assigned } = setup();
    await expect(useCases.assignCourse({ ...actor }, 's1', { courseId: 'theirs' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(assigned).toEqual([]);
  });
});
