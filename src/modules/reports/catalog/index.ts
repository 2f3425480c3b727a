import { ar } from './ar.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ru } from './ru.ts';
import { zh } from './zh.ts';

/** The reports module's messages in the six languages, listed by its manifest (../module.ts). */
export const catalog = { ar, zh, en, fr, ru, es };
