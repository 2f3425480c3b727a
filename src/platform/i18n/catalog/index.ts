import { ar } from './ar.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ru } from './ru.ts';
import { zh } from './zh.ts';

/** The platform's own messages in the six languages; index.ts registers them before any module's. */
export const catalog = { ar, zh, en, fr, ru, es };
