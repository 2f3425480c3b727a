import type { en } from './en.ts';

export const es: Record<keyof typeof en, string> = {
  'remote.title': 'Participación a distancia',
  'remote.neutral': 'Los datos para la participación a distancia se envían a los participantes inscritos.',
  'remote.notYet':
    'Los datos para la participación a distancia todavía no están disponibles. Aparecerán aquí y se le enviarán por correo electrónico antes de la reunión.',
  'remote.inPersonOnly':
    'Esta reunión es exclusivamente presencial: ningún participante ve ni recibe estos datos, salvo que cambie su modalidad.',
  'remote.wholeMeeting': 'Toda la reunión',
  'remote.link': 'Enlace para conectarse',
  'remote.meetingCode': 'ID de la reunión',
  'remote.passcode': 'Código de acceso',
  'remote.dialIn': 'Acceso telefónico',
  'remote.notes': 'Notas',
  'remote.keepPrivate': 'Estos datos son solo para usted: no los comparta ni los publique.',
  'remote.edit': 'Editar la participación a distancia',
  'remote.form.title': 'Datos para la participación a distancia',
  'remote.form.intro':
    'Solo ven estos datos la secretaría, el equipo de dirección del grupo y los participantes que se conectan a distancia (inscritos a distancia o, en una reunión híbrida, presencialmente); nunca aparecen en una página pública, en la API pública ni en un calendario público. Deje vacío un bloque cuando no tenga datos propios.',
  'remote.form.linkHint': 'Una dirección que empiece por https://',
  'remote.form.daysBefore': 'Enviar los datos por correo electrónico este número de días antes del primer día',
  'remote.form.daysBeforeHint': 'De 0 a 30. Los participantes que se inscriban más tarde los recibirán en pocos minutos.',
  'remote.mail.subject': 'Cómo participar a distancia en {meeting}',
  'remote.mail.body':
    'Estimado/a {name}:\n\nA continuación se indica cómo participar a distancia en {meeting} ({dates}).\n\n{details}\n\nEstos datos son solo para usted: no los comparta. Página de la reunión: {link}',
  'error.httpsUrl': 'Introduzca una dirección que empiece por https://',
  'remote.mail.subjectUpdated': 'Actualización: cómo participar a distancia en {meeting}',
};
