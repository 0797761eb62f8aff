import type { EmailStrings } from './types.ts';

export const es: EmailStrings = {
  greeting: (name) => `Hola, ${name}:`,
  signOff: 'Un saludo,\nEl equipo de Profiles',
  help: (support) => `¿Preguntas? Escriba a ${support}.`,
  profileShare: {
    subject: 'Su perfil está listo',
    intro: 'Se ha compartido con usted su perfil personal.',
    attached: 'Lo encontrará adjunto a este correo en PDF.',
    link: (expiresOn) => `Descárguelo con el enlace de abajo (válido hasta el ${expiresOn}).`,
    linkAction: 'Descargar su perfil',
    digital: 'Abra su perfil digital con el enlace de abajo.',
    digitalAction: 'Abrir su perfil digital',
    tooLargeForAttachment: 'El PDF era demasiado grande para adjuntarlo; aquí tiene un enlace de descarga.',
  },
  invitationReminder: {
    subject: (inviter) => `Recordatorio: ${inviter} le invitó a completar su perfil`,
    intro: (inviter) =>
      `${inviter} le invitó a completar un perfil y todavía le espera. Inicie sesión con esta dirección de correo y acepte la invitación con el enlace de abajo.`,
    expires: (date) => `La invitación puede aceptarse hasta el ${date}.`,
    action: 'Aceptar la invitación',
  },
  assignmentReminder: {
    subject: 'Recordatorio: su perfil aún no está terminado',
    intro: (group) =>
      `Se unió a ${group} pero aún no ha terminado su perfil. Continúe donde lo dejó con el enlace de abajo.`,
    action: 'Terminar su perfil',
  },
};
