import type { LocalizedText } from '../../platform/db/columns.ts';
import type { DecisionKind } from '../decisions/vocabulary.ts';

interface ReportDocument {
  number: string;
  title: string;
}

/**
 * Everything a meeting's report states, read from the meeting: its sessions, chairs, attendance, documents,
 * decisions per agenda item, outputs and the next meeting. The report in any language is composed from this
 * alone (compose.ts), so an issued version never changes.
 */
export interface ReportFacts {
  meeting: {
    id: number;
    title: LocalizedText;
    venueName: LocalizedText;
    venueCity: LocalizedText;
    venueCountry: string;
    mode: string;
    languages: string[];
    firstDay: string;
    lastDay: string;
  };
  group: { code: string; name: LocalizedText };
  /** The group's officers in office on the meeting's first day. */
  chairs: { role: string; name: string; affiliation: string; country: string }[];
  /** Registered participants only; `waitlisted` apart. */
  attendance: {
    total: number;
    byMode: { key: string; count: number }[];
    byCountry: { key: string; count: number }[];
    waitlisted: number;
  };
  /** Documents received (reserved numbers without a file left out), withdrawn ones counted apart. */
  documents: {
    total: number;
    withdrawn: number;
    byType: { key: string; count: number }[];
    contributions: (ReportDocument & { sources: string[] })[];
  };
  sessions: {
    subgroup: string;
    title: LocalizedText;
    startDate: string;
    endDate: string;
    items: {
      number: number;
      title: string;
      conclusion: string;
      documents: (ReportDocument & { decision: DecisionKind | null; related: string | null; note: string })[];
    }[];
  }[];
  outputs: ReportDocument[];
  next: {
    title: LocalizedText;
    firstDay: string;
    lastDay: string;
    venueName: LocalizedText;
    venueCity: LocalizedText;
    venueCountry: string;
    mode: string;
  } | null;
}

/** The texts the secretariat adds to the facts, each per language. */
export interface ReportTexts {
  opening: LocalizedText;
  summary: LocalizedText;
  aob: LocalizedText;
}
