import type { en } from './en.ts';

export const fr: Record<keyof typeof en, string> = {
  'organization.error.exists': 'Une organisation de ce nom existe déjà dans ce pays.',
  'organization.error.noAccount': "Aucun compte n'utilise cette adresse : la personne doit d'abord s'inscrire.",
};
