/** The organizations module's messages in English, in ICU MessageFormat: the reference for the other languages. */
export const en = {
  'organization.error.exists': 'An organization of this name already exists in this country.',
  'organization.error.noAccount': 'No account uses this address: the person signs up first.',
} as const;

/** Its keys become MessageKeys: a typo in a key fails tsc. */
declare module '../../../platform/i18n/index.ts' {
  interface Messages extends Record<keyof typeof en, string> {}
}
