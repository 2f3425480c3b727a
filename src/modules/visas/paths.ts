import { path } from '../../platform/http/paths.ts';

/** The visas module's addresses: its routes register `.pattern`, pages, mails and slot fills link with them. */
export const visaPaths = {
  request: path('/registrations/:id/visa'),
  letter: path('/registrations/:id/visa-letter.pdf'),
  queue: path('/console/visas'),
  review: path('/console/visas/:id'),
  approve: path('/console/visas/:id/approve'),
  reject: path('/console/visas/:id/reject'),
};
