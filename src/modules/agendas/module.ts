import { defineModule } from '../../platform/modules/manifest.ts';
import { agendaRoutes } from './routes.ts';

export const agendasModule = defineModule({
  name: 'agendas',
  routes: [agendaRoutes],
});
