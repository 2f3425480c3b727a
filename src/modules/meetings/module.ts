import { defineModule } from '../../platform/modules/manifest.ts';
import { defineDeadlineReminders } from './reminders.ts';
import { meetingRoutes } from './routes.ts';

export const meetingsModule = defineModule({
  name: 'meetings',
  routes: [meetingRoutes],
  jobs: defineDeadlineReminders,
});
