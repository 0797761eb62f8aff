import type { EmailMessage } from '../../events/email.ts';
import type { OutgoingMessage } from '../../events/message.ts';
import type { Page, PageRequest } from '../kernel.ts';
import type { Learner, LearnerProfile, ProfileShare, Team } from './model.ts';

export interface LearningStore {
  createLearner(org: string, learner: Learner, actor: string): Promise<void>;
  learner(org: string, learnerId: string): Promise<Learner | undefined>;
  learners(org: string, page: PageRequest): Promise<Page<Learner>>;
  /** Several learners at once (missing ids are left out). */
  learnersById(org: string, learnerIds: string[]): Promise<Learner[]>;
  /** Stores the profile and adds its summary to the learner, atomically; false when no such learner. */
  importProfile(org: string, profile: LearnerProfile, actor: string): Promise<boolean>;
  profile(org: string, learnerId: string, profileId: string): Promise<LearnerProfile | undefined>;
  /** Several profiles at once (missing ones are left out). */
  profilesById(
    org: string,
    refs: readonly { learnerId: string; profileId: string }[],
  ): Promise<LearnerProfile[]>;
  /** Records a requested share with its audit entry and, in the outbox, the job it owes. */
  createShare(org: string, share: ProfileShare, owed: { outbox: readonly OutgoingMessage[] }): Promise<void>;
  share(org: string, shareId: string): Promise<ProfileShare | undefined>;
  /** Idempotent: a share already marked emailed keeps its first record. */
  markShareEmailed(
    org: string,
    shareId: string,
    channel: NonNullable<ProfileShare['channel']>,
    at: string,
  ): Promise<void>;

  createTeam(org: string, team: Team, actor: string): Promise<void>;
  team(org: string, teamId: string): Promise<Team | undefined>;
  teams(org: string, page: PageRequest): Promise<Page<Team>>;
  addTeamMembers(org: string, teamId: string, learnerIds: string[], actor: string, at: string): Promise<void>;
  teamMemberIds(org: string, teamId: string): Promise<string[]>;
}

/** What a profile PDF is made from, whoever owns the profile (a learner or a signed-in user). */
export type RenderableProfile = Pick<LearnerProfile, 'id' | 'product' | 'completedAt' | 'results'> & {
  includeCareerGuide?: boolean;
};

/** A rendered PDF in the cache that is a whole object: its storage key and size. */
export interface StoredPdf {
  key: string;
  bytes: number;
  /** Never set: a PDF sharing its object is a {@link PdfPart}, which is no StoredPdf. */
  offset?: never;
}

/**
 * A PDF stored with the others it was rendered with in one object (`renderTogether`): bytes
 * `offset` to `offset + bytes - 1` of the object `key`. Not a {@link StoredPdf}: a link or an
 * attachment needs a PDF alone (`storeAlone`).
 */
export interface PdfPart {
  key: string;
  bytes: number;
  offset: number;
}

/** One PDF to render: whose profile, the name printed on it and its language. */
export interface WantedPdf {
  profile: RenderableProfile;
  personName: string;
  language: string;
}

/** Where rendered documents live and how a person is handed one. */
export interface ProfileDocuments {
  /** Renders the profile PDF in `language` unless already cached; answers its storage key. */
  ensureRendered(
    org: string,
    profile: RenderableProfile,
    personName: string,
    language: string,
  ): Promise<StoredPdf>;
  /**
   * Renders several PDFs and caches them together as ONE object, each answered (in order) with
   * where it sits in that object, or with the error it failed to render with (the others are
   * stored all the same). For a bulk export's chunk, which knows what the cache lacks
   * ({@link RenderedPdfIndex}) and so asks nothing first: one write per chunk instead of one per
   * PDF, and the zip later reads a chunk's PDFs back in one or two ranged reads instead of 50.
   */
  renderTogether(org: string, wanted: readonly WantedPdf[]): Promise<(PdfPart | { error: unknown })[]>;
  /**
   * Gives PDFs rendered together with others objects of their own, where
   * `ensureRendered` caches them, by copying their bytes: one ranged read per run of them in one
   * object, one write each. A link or an attachment needs the PDF alone, and copying costs far less
   * than rendering again. Answers in order, each with where it now is or why it could not be copied.
   */
  storeAlone(org: string, pdfs: readonly IndexedPart[]): Promise<(StoredPdf | { error: unknown })[]>;
  /** A short-lived download URL for a stored document, named `filename` when saved. */
  downloadUrl(key: string, filename: string): Promise<{ url: string; expiresAt: string }>;
}

/**
 * Queues an email for the mail worker: files travel as references to stored objects, and an email
 * is sent at most once per dedupe key however often it is queued.
 */
export interface EmailQueue {
  queue(email: Omit<EmailMessage, 'v' | 'type'>): Promise<void>;
}

/** A PDF of the cache, named by the profile and language it renders. */
export type IndexedPdf = (StoredPdf | PdfPart) & { profileId: string; language: string };
export type IndexedPart = PdfPart & { profileId: string; language: string };

/**
 * An index of the rendered-PDF cache kept in the table, so a bulk export learns which of a chunk's
 * PDFs are cached with one batched read instead of asking the bucket once per learner (a tenth of
 * a cached export's time went on those look-ups). It only ever answers PDFs the bucket still holds:
 * an entry is trusted for less than the bucket's lifecycle keeps the object, and only for the
 * current layout version. A PDF cached without an entry is simply rendered again.
 */
export interface RenderedPdfIndex {
  /** The cached PDFs among these (one batched read for up to 100). */
  among(org: string, wanted: readonly { profileId: string; language: string }[]): Promise<IndexedPdf[]>;
  /** Records freshly cached PDFs (one batched write per 25; idempotent). */
  remember(org: string, pdfs: readonly IndexedPdf[]): Promise<void>;
}
