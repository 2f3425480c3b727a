import type { en } from './en.ts';

export const zh: Record<keyof typeof en, string> = {
  'organization.error.exists': '该国已有同名组织。',
  'organization.error.noAccount': '没有账户使用此地址：此人须先注册。',
};
