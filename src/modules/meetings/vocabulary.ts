import { type Locale, locales, type MessageKey } from '../../platform/i18n/index.ts';

export const meetingModes = ['in-person', 'virtual', 'hybrid'] as const;
export type MeetingMode = (typeof meetingModes)[number];
export const meetingModeLabel: Record<MeetingMode, MessageKey> = {
  'in-person': 'meeting.mode.in-person',
  virtual: 'meeting.mode.virtual',
  hybrid: 'meeting.mode.hybrid',
};

/** Who may see a meeting's list of participants. */
export const participantListVisibilities = ['public', 'registered', 'secretariat'] as const;
export type ParticipantListVisibility = (typeof participantListVisibilities)[number];
export const participantListVisibilityLabel: Record<ParticipantListVisibility, MessageKey> = {
  public: 'meeting.participantList.public',
  registered: 'meeting.participantList.registered',
  secretariat: 'meeting.participantList.secretariat',
};

// The policies are the groups module's too: a group's rules give a new meeting's.
export {
  type LatePolicy,
  latePolicies,
  latePolicyLabel,
  type TooLatePolicy,
  tooLatePolicies,
  tooLatePolicyLabel,
} from '../groups/vocabulary.ts';

/**
 * The deadline classes of a contribution, by when it arrives: before the translation deadline (it will be
 * translated), before the normal contribution deadline, late (accepted, flagged, listed apart), too late.
 */
export const contributionClasses = ['translation', 'normal', 'late', 'too-late'] as const;
export type ContributionClass = (typeof contributionClasses)[number];
export const contributionClassLabel: Record<ContributionClass, MessageKey> = {
  translation: 'contributionClass.translation',
  normal: 'contributionClass.normal',
  late: 'contributionClass.late',
  'too-late': 'contributionClass.too-late',
};

/** The deadlines of a meeting, each closing at the end of its day in the venue's time zone. */
export const deadlineKinds = ['visaSupport', 'registration', 'contributions'] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];
export const deadlineLabel: Record<DeadlineKind, MessageKey> = {
  visaSupport: 'deadline.visaSupport',
  registration: 'deadline.registration',
  contributions: 'deadline.contributions',
};

/** The working languages a meeting may have: the six languages of the interface. */
export const workingLanguages = locales;
export type WorkingLanguage = Locale;
