import * as z from 'zod';
import { emailDeliveryAnswer } from './email-delivery.ts';
import { maxStaffPerShare } from '../../../events/staff-share.ts';
import { staffShareNotice } from '../../../domain/sharing/model.ts';
import { count, freeText, listQuery, queuedWork, timestamp } from './common.ts';

/** Request and response schemas of suppliers, clients, shared staff and courses (seed 002). */

const id = z.string().min(1).max(64);
/** An organisation id as tokens carry it (the tenant). */
const orgId = z.string().min(1).max(128);

export const supplierParams = z.object({ supplierOrgId: orgId });
export const clientParams = z.object({ clientOrgId: orgId });
export const clientStaffMemberParams = clientParams.extend({ staffId: id });
export const shareJobParams = clientParams.extend({ shareId: id });
export const staffParams = z.object({ staffId: id });

export const linkSupplierBody = z.object({
  supplierOrgId: orgId,
  /** How the client shows this supplier (default: its organisation id). */
  supplierName: freeText({ min: 1, max: 200 }).optional(),
  /** How the supplier sees this client (default: the client's organisation id). */
  clientName: freeText({ min: 1, max: 200 }).optional(),
});
export const shareTeamBody = z.object({ teamId: id });
export const staffShareBody = z.object({
  staffIds: z.array(id).min(1).max(maxStaffPerShare),
  teamId: id.optional(),
});
export const clientStaffQuery = listQuery.extend({
  supplierOrgId: orgId.optional(),
  teamId: id.optional(),
});
/** Onboarding or learn: what a course is for (its email says so). */
const courseKind = z.enum(['onboarding', 'learn']);
export const courseBody = z.object({
  title: freeText({ min: 1, max: 200 }),
  kind: courseKind,
});
export const assignCourseBody = z.object({
  courseId: id,
  dueAt: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value).toISOString())
    .optional(),
});

export const supplierLinkAnswer = z
  .object({ supplierOrgId: z.string(), name: z.string(), linkedAt: timestamp, sharedTeams: count })
  .meta({ id: 'SupplierLink' });
export const clientLinkAnswer = z
  .object({ clientOrgId: z.string(), name: z.string(), linkedAt: timestamp, sharedTeams: count })
  .meta({ id: 'LinkedClient' });
export const sharedTeamAnswer = z
  .object({ id: z.string(), name: z.string(), sharedAt: timestamp })
  .meta({ id: 'SharedTeam' });
export const teamSharedAnswer = sharedTeamAnswer
  .extend({ supplierOrgId: z.string() })
  .meta({ id: 'TeamShared' });
export const shareSummaryAnswer = z
  .object({
    client: z.object({ id: z.string(), name: z.string() }),
    team: z.object({ id: z.string(), name: z.string() }).optional(),
    staff: z.array(z.object({ id: z.string(), name: z.string(), alreadyShared: z.boolean() })),
  })
  .meta({ id: 'StaffShareSummary' });
export const shareAcceptedAnswer = z
  .object({ id: z.string(), message: z.literal(staffShareNotice) })
  .meta({ id: 'StaffShareAccepted' });
export const shareJobAnswer = z
  .object({
    ...queuedWork('done'),
    clientOrgId: z.string(),
    teamId: z.string().optional(),
    staffIds: z.array(z.string()),
    shared: count.optional(),
    alreadyShared: count.optional(),
    skipped: count.optional(),
    completedAt: timestamp.optional(),
  })
  .meta({ id: 'StaffShareJob' });
export const sharedStaffAnswer = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    teamIds: z.array(z.string()),
    sharedAt: timestamp,
  })
  .meta({ id: 'SharedStaffMember' });
/** A client sees a shared staff member as their supplier does, with whose they are and their latest profile. */
export const clientStaffAnswer = sharedStaffAnswer
  .extend({
    preferredLanguage: z.string(),
    supplier: z.object({ id: z.string(), name: z.string() }),
    latestProfile: z
      .object({
        id: z.string(),
        product: z.string(),
        completedAt: timestamp,
        format: z.enum(['pdf', 'digital']),
      })
      .nullable(),
  })
  .meta({ id: 'ClientStaffMember' });
/** A course as its answers show it: its title and kind. */
const course = { title: z.string(), kind: courseKind };
export const courseAnswer = z
  .object({ id: z.string(), ...course, createdAt: timestamp })
  .meta({ id: 'Course' });
/** An issued course: the course (its id, title and kind), then whom it was issued to and when. */
export const courseAssignmentAnswer = z
  .object({
    id: z.string(),
    courseId: z.string(),
    ...course,
    staffId: z.string(),
    dueAt: timestamp.optional(),
    assignedAt: timestamp,
    language: z.string(),
    email: emailDeliveryAnswer
      .optional()
      .meta({ description: "What became of the staff member's email, once sent" }),
  })
  .meta({ id: 'CourseAssignment' });
