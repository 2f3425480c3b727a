import type { en } from './en.ts';

export const fr: Record<keyof typeof en, string> = {
  'agenda.link': 'Ordre du jour',
  'agenda.draftLink': 'Projet d’ordre du jour',
  'agenda.title': 'Ordre du jour : {session}',
  'agenda.draft': 'Projet d’ordre du jour',
  'agenda.items': 'Points de l’ordre du jour',
  'agenda.noItems': 'Aucun point pour l’instant.',
  'agenda.documents': 'Documents',
  'agenda.documentsHint':
    'Numéros de documents de cette réunion, séparés par des virgules ou des espaces, par exemple FGMV-I-001, FGMV-TD-002.',
  'agenda.publishedOn': 'Publié le {date}',
  'agenda.notPublic': 'Non public : seuls le secrétariat et l’équipe de direction du groupe peuvent le consulter.',
  'agenda.earlierVersion': 'Ceci est une version antérieure de l’ordre du jour.',
  'agenda.seeLatest': 'Voir la dernière version',
  'agenda.nothingPublished': 'Aucun ordre du jour n’a encore été publié pour cette session.',
  'agenda.versions': 'Versions',
  'agenda.original': 'Original',
  'agenda.versionPublished': '{label}, publié le {date}',
  'agenda.draftState':
    'Un projet est en cours d’élaboration (dernier enregistrement : {date}). Il ne sera rendu public qu’au moment de sa publication.',
  'agenda.emptyDraftPrompt':
    'Il n’y a pas encore d’ordre du jour. Préparez le projet : ajoutez-y les points et attribuez-leur des documents, puis publiez-le.',
  'agenda.noDraft': 'Aucun projet en cours. Modifier l’ordre du jour crée la version {label} ; la version publiée reste inchangée.',
  'agenda.editDraft': 'Modifier le projet',
  'agenda.startDraft': 'Préparer le projet d’ordre du jour',
  'agenda.newRevision': 'Préparer la version {label}',
  'agenda.confirm.title': 'Publier l’ordre du jour ?',
  'agenda.confirm.items':
    '{count, plural, one {Son # point devient public} other {Ses # points deviennent publics}} sur la page de l’ordre du jour de la séance, avec les documents qui leur sont attribués.',
  'agenda.publish': 'Publier',
  'agenda.publishHint':
    'La publication rend le projet public. Les versions antérieures restent consultables ; toute modification ultérieure crée une nouvelle révision.',
  'agenda.editTitle': 'Modifier le projet d’ordre du jour : {session}',
  'agenda.editVersion': 'Ce projet sera publié en tant que version {label}.',
  'agenda.editFirst': 'Ce projet sera le premier ordre du jour publié de la session.',
  'agenda.editHint':
    'Les points sont numérotés dans l’ordre de leur position (2,5 se place entre 2 et 3). Un point dont le titre est vide est supprimé. Utilisez les lignes vides à la fin pour ajouter des points.',
  'agenda.row': 'Ligne {n}',
  'agenda.position': 'Position',
  'agenda.itemTitle': 'Titre',
  'agenda.description': 'Description',
  'agenda.saveDraft': 'Enregistrer le projet',
  'agenda.backToAgenda': 'Retour à l’ordre du jour',
  'agenda.allocatedTo': 'Point de l’ordre du jour',
  'agenda.allocation': '{session} – point {item} : {title}',
  'agenda.notice.published': 'L’ordre du jour a été publié.',
  'agenda.error.unknownDocument': 'Aucun document ne porte ce numéro : {numbers}.',
  'agenda.error.otherMeeting': 'Document(s) ne relevant pas de cette réunion : {numbers}.',
  'agenda.error.noDraft': 'Il n’y a aucun projet à publier : modifiez d’abord l’ordre du jour.',
  'agenda.error.empty': 'Le projet ne comporte aucun point ; ajoutez-en au moins un avant de le publier.',
  'agenda.error.position': 'Veuillez saisir un nombre, par exemple 3 (ou 2,5 pour le placer entre 2 et 3).',
};
