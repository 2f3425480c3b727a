import { path } from '../../platform/http/paths.ts';

/** Remote access's addresses: its routes register `.pattern`, pages link with them. */
export const remotePaths = {
  settings: path('/meetings/:id/remote'),
};
