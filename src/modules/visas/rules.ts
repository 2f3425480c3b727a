/**
 * Whether a visa support letter still counts: issued, and the request neither withdrawn (the
 * registration was cancelled or switched to remote) nor purged since. A void letter is not offered to
 * its participant any more; the secretariat keeps it for its records until the purge.
 */
export const letterValid = (visa: { status: string; letterPdf: string | null }) => visa.status === 'letter-sent' && visa.letterPdf !== null;
