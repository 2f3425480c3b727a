/** The roles an account can have. */
export const roles = ['participant', 'secretariat'] as const;
export type Role = (typeof roles)[number];

/** The person acting on a request; null when nobody is signed in. Made by the accounts module. */
export interface Actor {
  id: number;
  email: string;
  role: Role;
  givenName: string;
  familyName: string;
  emailVerified: boolean;
  preferredLanguage: string | null;
}
