import type { en } from './en.ts';

export const ar: Record<keyof typeof en, string> = {
  'organization.error.exists': 'توجد بالفعل منظمة بهذا الاسم في هذا البلد.',
  'organization.error.noAccount': 'لا يوجد حساب يستخدم هذا العنوان: يجب على الشخص التسجيل أولاً.',
};
