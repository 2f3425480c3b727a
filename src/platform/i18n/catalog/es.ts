import type { en } from './en.ts';

export const es: Record<keyof typeof en, string> = {
  'nav.skip': 'Ir al contenido principal',
  'nav.main': 'Navegación principal',
  'nav.language': 'Idioma',
  'nav.login': 'Iniciar sesión',
  'nav.logout': 'Cerrar sesión',
  'nav.signup': 'Crear una cuenta',
  'footer.text': 'convene — reuniones de grupos de normalización',
  'footer.api': 'API',

  'form.errorSummary': 'Se ha producido un problema',
  'form.save': 'Guardar',
  'form.create': 'Crear',
  'form.actions': 'Acciones',
  'form.inLanguage': '{language}',
  'notice.saved': 'Se han guardado sus cambios.',
  'notice.created': 'Creado.',
  'notice.deleted': 'Eliminado.',
  'notice.verified': 'Gracias: se ha confirmado su dirección de correo electrónico.',
  'notice.verificationSent': 'Le hemos enviado un nuevo correo electrónico de confirmación.',
  'notice.loggedOut': 'Ha cerrado la sesión.',

  'error.title': 'Error {status}',
  'error.home': 'Ir a la página de inicio',
  'error.notFound': 'No hemos encontrado esta página.',
  'error.unauthenticated': 'Inicie sesión primero.',
  'error.forbidden': 'No está autorizado/a a realizar esta acción.',
  'error.csrf': 'Este formulario ha caducado o se envió desde otro sitio. Vuelva atrás, recargue la página e inténtelo de nuevo.',
  'error.validation': 'Algunos campos requieren su atención.',
  'error.badRequest': 'No se ha podido interpretar la solicitud.',
  'error.tooLarge': 'Lo que ha enviado es demasiado grande.',
  'error.internal': 'Se ha producido un error por nuestra parte. Inténtelo de nuevo más tarde.',
  'error.invalid': 'Este valor no es válido.',
  'error.required': 'Rellene este campo.',
  'error.tooLong': 'El texto es demasiado largo.',
  'error.email': 'Introduzca una dirección de correo electrónico válida, por ejemplo name@example.org.',
  'error.date': 'Introduzca una fecha real con el formato AAAA-MM-DD.',
  'error.timeZone': 'Introduzca una zona horaria IANA, por ejemplo Europe/Zurich.',
  'error.country': 'Elija un país de la lista.',
  'error.number': 'Introduzca un número entero dentro del intervalo permitido.',
  'error.choice': 'Elija una de las opciones.',
  'error.unknownAccount': 'Ninguna cuenta tiene esta dirección de correo electrónico.',
  'account.unverifiedBanner': 'Confirme su dirección de correo electrónico mediante el enlace que le hemos enviado.',
  'account.resendVerification': 'Volver a enviar el enlace',
  'venue.city': 'Ciudad',
  'notice.cancelled': 'Se ha cancelado su inscripción.',
  'error.unknownSession': 'Elija sesiones de esta reunión.',
  'error.idempotencyKeyReused': 'Esta Idempotency-Key ya se utilizó para una solicitud diferente.',
  'error.tryAgain': 'La misma solicitud todavía se está procesando. Inténtelo de nuevo dentro de un momento.',
  'notice.accountDeleted': 'Se han suprimido su cuenta y sus datos.',
  'error.fileTooLarge': 'El archivo ocupa más de {mb} MB.',
  'error.tooMany': 'Demasiadas entradas.',
  // issue 10: database restarts
  'error.databaseUnavailable':
    'El servicio no está disponible por un momento: no se puede acceder a su base de datos. Inténtelo de nuevo dentro de unos segundos.',
  'error.shuttingDown': 'Este servidor se está deteniendo. Inténtelo de nuevo dentro de unos segundos: le atenderá otro.',
  'notice.loginExpired': 'Su inicio de sesión ha caducado o ha recibido demasiados códigos erróneos. Vuelva a iniciar sesión.',
  'notice.twoFactorOff': 'La autenticación de dos factores está ahora desactivada.',
  // issue 10: uploads
  'error.uploadRetry': 'No se pudo completar la carga porque en ese momento se estaba eliminando el mismo archivo. Vuelva a enviarlo.',
  'error.pdfBusy': 'En este momento se están preparando demasiados documentos. Vuelva a intentarlo dentro de unos segundos.',
  // issue 10: input
  'error.badAddress': 'La dirección de esta página no es válida: contiene caracteres no permitidos.',
  'error.malformedBody': 'No se pudo leer lo enviado: no es texto válido.',
  'error.controlCharacters': 'Elimine los caracteres de control invisibles de este campo.',
  'error.invalidText': 'Este campo contiene caracteres que no son texto válido.',
  'error.singleLine': 'Este campo debe ocupar una sola línea.',
  'error.repeatedParameter': 'Indique este parámetro una sola vez.',
  'error.fileMissing':
    'Este fichero falta en el almacenamiento de ficheros. Se ha avisado a los administradores; vuelva a intentarlo más tarde.',
  // issue 12: the pages that problem types name (/problems/:code)
  'problem.title': 'Tipo de problema «{code}»',
  'problem.example': 'Lo que responde la API',
  'problem.whatToDo': 'Qué hacer',
  'problem.about': 'Acerca de estas respuestas',
  'problem.aboutText':
    'La API de convene responde a todo error con detalles del problema (RFC 9457), en JSON enviado como application/problem+json: «type» es la dirección de la página que explica el problema, «code» su nombre corto, en el que se basan los programas y que nunca cambia, «title» lo que ocurrió, en el idioma de la solicitud, «status» el estado HTTP e «instance» la ruta solicitada. Cuando hay campos que corregir, «errors» indica cada uno con su mensaje.',
  'problem.allTypes': 'Todos los tipos de problema',
  'problem.apiDocs': 'Documentación de la API',
  'problem.indexTitle': 'Tipos de problema de la API',
  'problem.indexIntro': 'Todos los problemas con los que puede responder la API de convene, por código, con su estado HTTP.',
  'problem.advice.400':
    'La solicitud no se puede leer tal como se envió: corrija su dirección, sus parámetros o su cuerpo. Si se envía de nuevo sin cambios, volverá a fallar.',
  'problem.advice.401':
    'Falta la autenticación o es incorrecta: envíe un token de API válido en el encabezado «Authorization: Bearer <token>» (los tokens se crean en la página de su cuenta) y, cuando la solicitud pida una contraseña o un código, el correcto.',
  'problem.advice.403':
    'Se sabe quién es usted, pero no tiene permiso para hacer esto; consulte a la secretaría si lo necesita. Con una sesión del navegador en lugar de un token, un cambio también debe llevar el encabezado X-CSRF-Token.',
  'problem.advice.404': 'Lo que indica la dirección no existe o usted no puede verlo: compruebe el identificador o el código de la ruta.',
  'problem.advice.409':
    'La solicitud entra en conflicto con el estado actual de lo que modifica (un plazo vencido, un duplicado, una decisión ya tomada): consulte el estado actual y decida después qué enviar.',
  'problem.advice.410': 'Lo que indicaba el enlace ya no existe: solicite un enlace nuevo.',
  'problem.advice.413': 'Lo enviado es demasiado grande: los cuerpos JSON están limitados a 1 MB y los ficheros subidos a 50 MB.',
  'problem.advice.414': 'Una parte de la dirección es demasiado larga: acórtela.',
  'problem.advice.415':
    'El cuerpo tiene un tipo de medio que esta operación no acepta: envíe application/json, o multipart/form-data para subir ficheros.',
  'problem.advice.422': 'Algunos valores no son válidos: «errors» indica cada campo y el motivo. Corríjalos y envíe de nuevo la solicitud.',
  'problem.advice.429': 'Demasiados intentos o solicitudes: espere los minutos que indica «title» antes de volver a intentarlo.',
  'problem.advice.500':
    'Un fallo por nuestra parte, registrado para los administradores: vuelva a intentarlo más tarde y avise a la secretaría si continúa.',
  'problem.advice.503':
    'Una situación pasajera: envíe de nuevo la misma solicitud en breve, tras los segundos que indique el encabezado Retry-After cuando lo haya.',
  'design.title': 'Sistema de diseño',
  'design.intro':
    'Los componentes con los que se construye cada página, de izquierda a derecha y de derecha a izquierda. Los colores, los espacios y la tipografía vienen de las propiedades personalizadas de /static/app.css.',
  'design.tokens': 'Colores e iconos',
  'design.components': 'Componentes',
};
