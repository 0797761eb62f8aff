import type { Course, CourseAssignment } from '../../../domain/sharing/model.ts';
import type { SharingStore } from '../../../domain/sharing/ports.ts';
import { auditTrail } from './audit-entry.ts';
import { keys } from './keys.ts';
import { outboxPuts } from './outbox.ts';
import { sharingKit } from './sharing-kit.ts';
import { transact } from './transactions.ts';
import { putNew } from './writes.ts';

/**
 * A client's courses and their assignments to staff shared with it, on the single table (keys.ts):
 * an assignment is written only while the staff member's share stands, in the same transaction.
 */
export function dynamoCourseStore(
  tableName: string,
): Pick<SharingStore, 'createCourse' | 'course' | 'courses' | 'assignCourse' | 'courseAssignments'> {
  const audited = auditTrail(tableName);
  const { get, prefixQuery, page, bothTrails } = sharingKit(tableName);
  return {
    async createCourse(clientOrg, course, actor) {
      await transact({
        course: putNew(tableName, { ...keys.course(clientOrg, course.id), type: 'course', ...course }),
        audit: audited(actor, course.createdAt, 'course.create', `course:${course.id}`, {
          title: course.title,
          kind: course.kind,
        }),
      });
    },

    course: (clientOrg, courseId) => get<Course>(keys.course(clientOrg, courseId)),
    courses: (clientOrg, request) =>
      page<Course>(prefixQuery(keys.org(clientOrg), keys.coursePrefix), request),

    async assignCourse(clientOrg, assignment, shareId, actor, owed) {
      const details = { courseId: assignment.courseId, staffId: assignment.staffId, title: assignment.title };
      const outcome = await transact({
        share: {
          ConditionCheck: {
            TableName: tableName,
            Key: keys.clientStaff(clientOrg, assignment.staffId),
            ConditionExpression: 'shareId = :shareId',
            ExpressionAttributeValues: { ':shareId': shareId },
          },
        },
        assignment: putNew(tableName, {
          ...keys.courseAssignment(clientOrg, assignment.staffId, assignment.id),
          type: 'course-assignment',
          ...assignment,
        }),
        ...bothTrails(
          { clientOrg, supplierOrg: assignment.supplierOrg },
          actor,
          assignment.assignedAt,
          ['course.issue', `course-assignment:${assignment.id}`],
          ['course.issued', `staff:${assignment.staffId}`],
          details,
        ),
        ...outboxPuts(tableName, owed.outbox, assignment.assignedAt),
      });
      return outcome.ok;
    },

    courseAssignments: (clientOrg, staffId, request) =>
      page<CourseAssignment>(prefixQuery(keys.org(clientOrg), keys.courseAssignmentPrefix(staffId)), request),
  };
}
