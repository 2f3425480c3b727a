import type { en } from './en.ts';

export const es: Record<keyof typeof en, string> = {
  'error.passwordShort': 'La contraseña debe tener al menos 10 caracteres.',
  'error.emailTaken': 'Ya existe una cuenta con esta dirección de correo electrónico. Inicie sesión o restablezca su contraseña.',
  'error.badCredentials': 'La dirección de correo electrónico o la contraseña no son correctas.',
  'error.tooManyAttempts': 'Demasiados intentos fallidos. Espere {minutes, plural, one {# minuto} other {# minutos}} e inténtelo de nuevo.',
  'error.tokenInvalid': 'Este enlace no es válido o ha caducado. Solicite uno nuevo.',
  'error.chooseCategory':
    'Elija la categoría de miembro con la que participa: determina, entre otras cosas, si se puede solicitar apoyo para el visado.',
  'account.email': 'Dirección de correo electrónico',
  'account.password': 'Contraseña',
  'account.password.hint': 'Al menos 10 caracteres.',
  'account.title': 'Mi cuenta',
  'account.profile': 'Perfil',
  'account.language': 'Idioma',
  'account.language.hint': 'El idioma de los correos que le enviamos. Elegir un idioma en el menú de la parte superior también lo cambia.',
  'profile.title': 'Tratamiento',
  'profile.title.none': '(ninguno)',
  'profile.title.Mr': 'Sr.',
  'profile.title.Ms': 'Sra.',
  'profile.title.Mx': 'Mx.',
  'profile.title.Dr': 'Dr./Dra.',
  'profile.title.Prof': 'Prof.',
  'profile.givenName': 'Nombre',
  'profile.familyName': 'Apellido(s)',
  'profile.organization': 'Organización',
  'profile.country': 'País',
  'profile.country.none': '(no indicado)',
  'profile.category': 'Categoría de miembro',
  'profile.category.hint':
    'La participación es gratuita y está abierta a todos. Solo los miembros de la UIT pueden solicitar una carta de apoyo para la solicitud de visado.',
  'profile.category.choose': 'Elija…',
  'category.member-state': 'Administración de un Estado Miembro de la UIT',
  'category.sector-member': 'Miembro de Sector',
  'category.associate': 'Asociado',
  'category.academia': 'Institución Académica',
  'category.non-member': 'No miembro (experto individual u organización)',

  'signup.title': 'Crear una cuenta',
  'signup.intro': 'Cualquier persona puede participar: con una cuenta puede inscribirse en reuniones y presentar contribuciones.',
  'signup.submit': 'Crear cuenta',
  'signup.haveAccount': '¿Ya tiene una cuenta?',
  'login.title': 'Iniciar sesión',
  'login.submit': 'Iniciar sesión',
  'login.forgot': '¿Ha olvidado su contraseña?',
  'forgot.title': 'Restablecer la contraseña',
  'forgot.intro': 'Introduzca la dirección de correo electrónico de su cuenta y le enviaremos un enlace para elegir una nueva contraseña.',
  'forgot.submit': 'Enviar el enlace',
  'forgot.sent': 'Si alguna cuenta utiliza esta dirección, le hemos enviado un enlace. El enlace es válido durante una hora.',
  'reset.title': 'Elegir una nueva contraseña',
  'reset.newPassword': 'Nueva contraseña',
  'reset.submit': 'Cambiar la contraseña',
  'verify.title': 'Dirección de correo electrónico confirmada',
  'verify.continue': 'Continuar',

  'tokens.title': 'Tokens personales de API',
  'tokens.intro': 'Un token permite que un script utilice la API en su nombre, con el encabezado "Authorization: Bearer <token>".',
  'tokens.created': 'Este es su nuevo token. Cópielo ahora: no volverá a mostrarse.',
  'tokens.name': 'Nombre del token',
  'tokens.createdAt': 'Creado',
  'tokens.lastUsed': 'Último uso',
  'tokens.revoke': 'Revocar',
  'tokens.create': 'Crear un token',

  'mail.verify.subject': 'Confirme su dirección de correo electrónico',
  'mail.verify.body':
    'Estimado/a {name}:\n\nConfirme su dirección de correo electrónico abriendo este enlace:\n{link}\n\nEl enlace es válido durante {hours, plural, one {# hora} other {# horas}}. Si no ha creado ninguna cuenta, puede hacer caso omiso de este mensaje.',
  'mail.reset.subject': 'Restablezca su contraseña',
  'mail.reset.body':
    'Estimado/a {name}:\n\nPara elegir una nueva contraseña, abra este enlace:\n{link}\n\nEl enlace es válido durante {hours, plural, one {# hora} other {# horas}}. Si no ha solicitado este cambio, puede hacer caso omiso de este mensaje.',

  'error.badPassword': 'La contraseña no es correcta.',
  'privacy.title': 'Sus datos',
  'privacy.export': 'Descargar todos mis datos (JSON)',
  'privacy.delete': 'Eliminar mi cuenta',
  'privacy.deleteExplain':
    'Esta acción elimina de inmediato su cuenta, sus inscripciones y sus solicitudes de visado; las plazas presenciales que tenga asignadas pasan a la lista de espera. No se puede deshacer.',
  'privacy.deleteConfirm': '¿Eliminar su cuenta y todos sus datos? Esta acción no se puede deshacer.',
  'privacy.passwordToDelete': 'Su contraseña, para confirmar',
  // issue 10: accounts
  'error.tooManyRequests':
    'Demasiadas solicitudes desde su red. Espere {minutes, plural, one {# minuto} other {# minutos}} y vuelva a intentarlo.',
  'error.alreadyRegistered':
    'Ya existe una cuenta con esta dirección de correo electrónico: inicie sesión o restablezca su contraseña si la ha olvidado.',
  'error.passwordMismatch': 'Las dos contraseñas nuevas no coinciden.',
  'error.loginExpired': 'Este inicio de sesión ha caducado. Vuelva a iniciar sesión.',
  'error.badCode':
    'Este código no es correcto o ya se ha utilizado. Introduzca el código que muestra ahora su aplicación o un código de recuperación no utilizado.',
  'error.noEnrolment': 'No hay ninguna aplicación nueva que confirmar: inicie primero la configuración.',
  'error.twoFactorRequired':
    'Las cuentas de la secretaría mantienen la autenticación de dos factores una vez activada. En su lugar, puede trasladarla a una nueva aplicación.',
  'error.noTwoFactor': 'La autenticación de dos factores no está activada para esta cuenta.',
  'notice.passwordChangedHere': 'Se ha cambiado su contraseña. Se ha cerrado su sesión en todos los demás lugares.',
  'signup.sentTitle': 'Revise su correo',
  'signup.sent':
    'Hemos enviado un mensaje a la dirección indicada. Abra el enlace que contiene para confirmar su dirección y crear su cuenta; el enlace es válido durante 48 horas. Si ya tiene una cuenta, el mensaje le indica cómo iniciar sesión.',
  'signup.readyTitle': 'Su cuenta está lista',
  'signup.ready':
    'Gracias: su dirección de correo electrónico está confirmada y se ha creado su cuenta. Inicie sesión con su dirección y su contraseña.',
  'reset.doneTitle': 'Se ha cambiado su contraseña',
  'reset.done':
    'Se ha cerrado su sesión en todas partes y los enlaces de restablecimiento anteriores ya no funcionan. Inicie sesión con su nueva contraseña.',
  'password.title': 'Cambiar su contraseña',
  'password.intro':
    'Seguirá con la sesión iniciada aquí; sus otras sesiones, los enlaces de restablecimiento no utilizados y sus tokens de API personales dejarán de ser válidos.',
  'password.current': 'Contraseña actual',
  'password.again': 'Repita la nueva contraseña',
  'password.tokensRevoked':
    '{count, plural, one {Se ha revocado # token de API personal: cree uno nuevo en la página de su cuenta.} other {Se han revocado sus # tokens de API personales: cree otros nuevos en la página de su cuenta.}}',
  'twoFactor.title': 'Autenticación de dos factores',
  'twoFactor.statusOn':
    'La autenticación de dos factores está activada: para iniciar sesión se necesita un código de su aplicación de autenticación.',
  'twoFactor.statusOff': 'La autenticación de dos factores está desactivada.',
  'twoFactor.secretariatAdvice': 'Las cuentas de la secretaría deberían activarla: tienen acceso a los datos de los pasaportes.',
  'twoFactor.manage': 'Gestionar la autenticación de dos factores',
  'twoFactor.setUp': 'Configurar la autenticación de dos factores',
  'twoFactor.intro':
    'Con la autenticación de dos factores, para iniciar sesión se necesitan su contraseña y un código de 6 cifras de una aplicación de autenticación en su teléfono (cualquier aplicación de códigos basados en el tiempo). Los códigos de recuperación le permiten entrar si pierde el teléfono.',
  'twoFactor.loginTitle': 'Introduzca su código',
  'twoFactor.loginIntro':
    'Su cuenta utiliza la autenticación de dos factores. Introduzca el código de 6 cifras que muestra ahora su aplicación o uno de sus códigos de recuperación.',
  'twoFactor.code': 'Código',
  'twoFactor.codeHint': '6 cifras de su aplicación o un código de recuperación como abcd-efgh-jkmn-pqrs.',
  'twoFactor.verify': 'Continuar',
  'twoFactor.startAgain': 'Volver a iniciar sesión',
  'twoFactor.codesTitle': 'Códigos de recuperación',
  'twoFactor.codesIntro':
    'Guarde estos códigos en un lugar seguro (impresos o en un gestor de contraseñas). Cada uno le permite iniciar sesión una vez sin su aplicación. No se volverán a mostrar.',
  'twoFactor.onSince': 'La autenticación de dos factores está activada desde el {date}. Códigos de recuperación restantes: {count}.',
  'twoFactor.secretariatRule':
    'En las cuentas de la secretaría, la autenticación de dos factores no puede desactivarse una vez activada; puede trasladarse a una nueva aplicación.',
  'twoFactor.replaceTitle': 'Trasladar a una nueva aplicación',
  'twoFactor.enrolTitle': 'Configurar su aplicación de autenticación',
  'twoFactor.scan': 'En su aplicación de autenticación, añada una cuenta y escanee este código QR.',
  'twoFactor.qrAlt': 'Código QR para su aplicación de autenticación (la clave también figura a continuación)',
  'twoFactor.typeKey': 'O escriba esta clave:',
  'twoFactor.keyDetails': 'Cuenta: {account}. Basado en el tiempo, 6 cifras, cada 30 segundos.',
  'twoFactor.confirmStep':
    'A continuación, introduzca el código que muestra la aplicación, junto con su contraseña, para confirmar. Se cerrarán sus otras sesiones.',
  'twoFactor.appCode': 'Código de la aplicación',
  'twoFactor.confirmReplace': 'Usar la nueva aplicación',
  'twoFactor.turnOn': 'Activar',
  'twoFactor.replace': 'Trasladar a una nueva aplicación',
  'twoFactor.newCodesIntro': '¿Ha perdido sus códigos o ha utilizado la mayoría? Los códigos nuevos sustituyen a todos los anteriores.',
  'twoFactor.newCodes': 'Generar nuevos códigos de recuperación',
  'twoFactor.disableTitle': 'Desactivar la autenticación de dos factores',
  'twoFactor.disable': 'Desactivar',
  'mail.signup.body':
    'Estimado/a {name}:\n\nPara confirmar su dirección de correo electrónico y crear su cuenta de convene, abra este enlace:\n{link}\n\nEl enlace es válido durante {hours, plural, one {# hora} other {# horas}}. Si no se ha registrado, haga caso omiso de este mensaje: no se creará ninguna cuenta.',
  'mail.signupExisting.subject': 'Alguien ha intentado registrarse con su dirección',
  'mail.signupExisting.body':
    'Estimado/a {name}:\n\nAlguien, probablemente usted, ha intentado crear una cuenta de convene con esta dirección de correo electrónico. Ya tiene una cuenta, por lo que no se ha creado nada.\n\nIniciar sesión: {login}\n¿Ha olvidado su contraseña? Restablézcala: {reset}\n\nSi no ha sido usted, puede hacer caso omiso de este mensaje.',
  'mail.passwordChanged.subject': 'Se ha cambiado su contraseña de convene',
  'mail.passwordChanged.body':
    'Estimado/a {name}:\n\nLa contraseña de su cuenta de convene se cambió el {at}. Se han cerrado todas las demás sesiones y los enlaces de restablecimiento anteriores ya no funcionan.\n\nSi no ha sido usted, restablezca su contraseña de inmediato: {reset}',
  'mail.passwordChanged.tokens':
    '{count, plural, one {Se ha revocado # token de API personal: el script que lo utilice necesitará uno nuevo, que puede crear en la página de su cuenta:} other {Se han revocado sus # tokens de API personales: los scripts que los utilicen necesitarán otros nuevos, que puede crear en la página de su cuenta:}}',
  'mail.twoFactor.on.subject': 'La autenticación de dos factores está activada',
  'mail.twoFactor.on.body':
    'Estimado/a {name}:\n\nSe ha activado la autenticación de dos factores en su cuenta de convene: para iniciar sesión se necesita ahora un código de su aplicación de autenticación. Se han cerrado sus otras sesiones.\n\n{link}\n\nSi no ha sido usted, restablezca su contraseña de inmediato: {reset}',
  'mail.twoFactor.replaced.subject': 'Autenticación de dos factores trasladada a una nueva aplicación',
  'mail.twoFactor.replaced.body':
    'Estimado/a {name}:\n\nSu cuenta de convene acepta ahora los códigos de una nueva aplicación de autenticación; los códigos de la aplicación anterior y sus códigos de recuperación anteriores ya no funcionan. Se han cerrado sus otras sesiones.\n\n{link}\n\nSi no ha sido usted, restablezca su contraseña de inmediato: {reset}',
  'mail.twoFactor.off.subject': 'La autenticación de dos factores está desactivada',
  'mail.twoFactor.off.body':
    'Estimado/a {name}:\n\nSe ha desactivado la autenticación de dos factores en su cuenta de convene: para iniciar sesión vuelve a bastar su contraseña.\n\n{link}\n\nSi no ha sido usted, restablezca su contraseña de inmediato: {reset}',
  'mail.twoFactor.recoveryUsed.subject': 'Se ha utilizado un código de recuperación para iniciar sesión',
  'mail.twoFactor.recoveryUsed.body':
    'Estimado/a {name}:\n\nSe acaba de utilizar un código de recuperación para iniciar sesión en su cuenta de convene. Códigos de recuperación restantes: {count}. Puede generar otros nuevos aquí:\n{link}\n\nSi no ha sido usted, restablezca su contraseña de inmediato: {reset}',
  'nav.account': 'Mi cuenta',
  'home.title': 'Inicio',
  'home.welcome': 'Bienvenido/a, {name}',
  'home.intro':
    'Las reuniones de los grupos de normalización, de la invitación al informe: inscripción presencial o a distancia, apoyo para visados, contribuciones, órdenes del día y circulares, en seis idiomas.',
  'home.figures': 'Pendiente',
  'privacyNotice.title': 'Aviso de privacidad',
  'privacyNotice.read': 'Leer el aviso de privacidad',
  'privacyNotice.intro':
    'convene conserva lo que la secretaría necesita para organizar las reuniones. Este aviso indica qué datos suyos se conservan, quién tiene acceso a ellos, durante cuánto tiempo y cómo solicitar su supresión.',
  'privacyNotice.what': 'Qué se conserva',
  'privacyNotice.who': 'Quién tiene acceso',
  'privacyNotice.howLong': 'Durante cuánto tiempo',
  'privacyNotice.account.heading': 'Su cuenta',
  'privacyNotice.account.what':
    'Su dirección de correo electrónico, tratamiento, nombre, organización, país y categoría de miembro; su contraseña, únicamente en forma de resumen irreversible; el secreto de su autenticación de dos factores, si la activa, cifrado; sus tokens de API y sus sesiones.',
  'privacyNotice.account.who':
    'Usted, en la página de su cuenta, y la secretaría. Los demás solo ven su nombre y organización allí donde una página los muestra, como una lista de participantes.',
  'privacyNotice.account.howLong':
    'Hasta que suprima su cuenta. Un registro nunca confirmado se suprime cuando caduca su enlace, y la constancia de los intentos de inicio de sesión al cabo de un día.',
  'privacyNotice.rights.heading': 'Consultar y suprimir sus datos',
  'privacyNotice.rights.export':
    'En la página de su cuenta puede descargar en un solo archivo (JSON) todo lo que convene conserva sobre usted.',
  'privacyNotice.rights.delete':
    'También puede suprimir allí su cuenta, con su contraseña: con ella se suprimen sus inscripciones, solicitudes de carta de apoyo para el visado y suscripciones a listas de distribución, así como los mensajes pendientes de envío dirigidos a usted, y las plazas presenciales que ocupaba pasan a la lista de espera. El registro de acciones conserva lo que se hizo, sin su nombre.',
  'privacyNotice.rights.noAccess':
    'Si ya no puede iniciar sesión, restablezca su contraseña; si no es posible, pida a la secretaría de su reunión que suprima su cuenta.',
};
