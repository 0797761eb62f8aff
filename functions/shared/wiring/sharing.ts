import { courseUseCases } from '../../../domain/sharing/courses.ts';
import { shareStaff } from '../../../domain/sharing/share-staff.ts';
import { sharingUseCases } from '../../../domain/sharing/use-cases.ts';
import { supportEmail } from '../env.ts';
import { systemClock, ulidIds } from '../runtime.ts';
import { sharingStores } from './sharing-stores.ts';

/** What the sharing use cases, courses and the share-staff worker all take. */
const sharingPorts = () => ({ ...sharingStores(), clock: systemClock, ids: ulidIds });

/** Links, shared teams and shared staff, both sides (functions/http/suppliers.ts, clients.ts, client-staff.ts). */
export const sharingWiring = () => sharingUseCases(sharingPorts());

/** A client's courses and their assignments (functions/http/courses.ts). */
export const courseWiring = () => courseUseCases({ ...sharingPorts(), support: supportEmail() });

/** The sharing queue's worker: carries out staff share jobs (functions/workers/share-staff.ts). */
export const shareStaffWiring = () => shareStaff(sharingPorts());
