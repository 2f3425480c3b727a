import { path } from '../../platform/http/paths.ts';

/** The circulars module's addresses: its routes register `.pattern`, pages link with them. */
export const circularPaths = {
  circular: path('/meetings/:id/circular'),
  pdf: path('/meetings/:id/circular.pdf'),
  manage: path('/meetings/:id/circular/manage'),
  issue: path('/meetings/:id/circular/issue'),
};
