import type { en } from './en.ts';

export const es: Record<keyof typeof en, string> = {
  'organization.error.exists': 'Ya existe una organización con este nombre en este país.',
  'organization.error.noAccount': 'Ninguna cuenta usa esta dirección: la persona debe registrarse primero.',
};
