import type { en } from './en.ts';

export const ru: Record<keyof typeof en, string> = {
  'organization.error.exists': 'Организация с таким названием в этой стране уже существует.',
  'organization.error.noAccount': 'Ни одна учетная запись не использует этот адрес: сначала человек должен зарегистрироваться.',
};
