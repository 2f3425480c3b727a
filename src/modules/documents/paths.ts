import { path } from '../../platform/http/paths.ts';

/** The documents module's addresses: its routes register `.pattern`, pages, mails and slot fills link with them. */
export const documentPaths = {
  submitForm: path('/meetings/:id/documents/new'),
  submit: path('/meetings/:id/documents'),
  reserve: path('/meetings/:id/documents/reserve'),
  document: path('/documents/:number'),
  file: path('/documents/:number/file'),
  revisionFile: path('/documents/:number/rev/:revision/file'),
  edit: path('/documents/:number/edit'),
  revise: path('/documents/:number/revise'),
  withdraw: path('/documents/:number/withdraw'),
  meetingZip: path('/meetings/:id/documents.zip'),
  groupTemplate: path('/groups/:code/template.docx'),
  meetingTemplate: path('/meetings/:id/template.docx'),
  templateUpload: path('/groups/:code/template'),
  templateReset: path('/groups/:code/template/reset'),
  search: path('/search'),
  inbound: path('/console/inbound'),
  inboundFile: path('/console/inbound/:id/file'),
  inboundAccept: path('/console/inbound/:id/accept'),
  inboundReject: path('/console/inbound/:id/reject'),
};
