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

/** After the contribution deadline a submission is accepted and flagged late, or refused. */
export const latePolicies = ['flag', 'refuse'] as const;
export type LatePolicy = (typeof latePolicies)[number];
export const latePolicyLabel: Record<LatePolicy, MessageKey> = {
  flag: 'meeting.lateContributions.flag',
  refuse: 'meeting.lateContributions.refuse',
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
