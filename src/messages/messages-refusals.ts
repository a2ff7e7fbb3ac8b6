import type { ErrorCode } from '../domain/errors.ts';
import type { Catalogue } from './messages.ts';

/**
 * What each refusal means, one entry per error code (src/domain/errors.ts), part of the one
 * catalogue (messages.ts spreads it into `en`, messages-fr.ts spreads the French below into `fr`).
 *
 * The English reader is shown the message written where the refusal was made, which says more
 * (and which API clients have always had); these entries are what a reader in another language
 * is shown, filled with the figures the error carries (ErrorParams). So each entry states the
 * rule in general, true of every place that throws the code. The English entries are the source
 * a translator works from and what `t` falls back to; where the error has figures, the English
 * entry is the thrown sentence itself (errors.test.ts checks they agree).
 */
export const refusalMessages = {
  'refusal.VALIDATION_FAILED': 'What was sent is not valid.',
  'refusal.MALFORMED_FILE': 'The file could not be read.',
  'refusal.NOT_SIGNED_IN': 'Sign in to do that.',
  'refusal.BAD_CREDENTIALS': 'That email and password do not match an account.',
  'refusal.FORBIDDEN': 'You are not allowed to do that.',
  'refusal.CSRF_REJECTED':
    'This form was sent from another site, so it was refused. Go back, reload the page and try again.',
  'refusal.NOT_FOUND': 'That was not found, or you may not see it.',
  'refusal.ALREADY_EXISTS': 'That already exists.',
  'refusal.ALREADY_SET_UP': 'Seconded already has an administrator. Sign in instead.',
  'refusal.ALREADY_VOTED': 'This vote has already been given: each member votes once.',
  'refusal.BALLOT_NOT_OPEN': 'This ballot is not open.',
  'refusal.BALLOT_CLOSED': 'This ballot has closed; votes are no longer taken.',
  'refusal.NOT_ELIGIBLE': 'You are not on the electorate of this ballot.',
  'refusal.NOMINATION_INVALID': 'This nomination cannot be made.',
  'refusal.CONFLICT': 'That cannot be done in the present state of things; reload the page.',
  'refusal.TOKEN_INVALID': 'This link has been used or has expired.',
  'refusal.PAYLOAD_TOO_LARGE': 'That upload is too large.',
  'refusal.UNSUPPORTED_METHOD_OPTION': 'The counting method does not take that option.',
  'refusal.TOO_MANY_REQUESTS': 'Too many requests just now. Wait a few minutes and try again.',
  'refusal.NOT_A_MEMBER': 'Only a member of the body may do that.',
  'refusal.SECONDER_IS_PROPOSER': 'The mover cannot also second it.',
  'refusal.NOT_PRESENT': 'Only a member present at the meeting may do that.',
  'refusal.NOT_SECONDED': 'The question cannot be put: nobody has seconded it.',
  'refusal.QUORUM_NOT_MET': '{present} present; the quorum is {required}.',
  'refusal.QUESTION_ALREADY_PUT': 'The question has already been put.',
  'refusal.ILLEGAL_TRANSITION': 'That step is not open at this stage of the business.',
  'refusal.WITHDRAWAL_NEEDS_CONSENT':
    'Once moved, a motion may be withdrawn only with the consent of the meeting.',
  'refusal.REMIT_NEEDS_MOVER_CONSENT':
    'A motion is remitted only if its mover agrees; otherwise it is put to the vote.',
  'refusal.NOTICE_NOT_GIVEN': 'The notice the standing orders require was not given.',
  'refusal.MOTION_DEADLINE_PASSED': 'Motions for this meeting had to be in by {deadline}.',
  'refusal.AMENDMENT_TOO_DEEP': 'The standing orders do not allow an amendment that deep.',
  'refusal.AMENDMENT_PENDING': 'An amendment is before the meeting: settle it first.',
  'refusal.NOT_AMENDABLE': 'That cannot be amended this way.',
  'refusal.WORDS_NOT_FOUND': 'The words the amendment names are not in the text.',
  'refusal.WORDS_AMBIGUOUS': 'The words the amendment names occur more than once; say which.',
  'refusal.CASTING_VOTE_NOT_ALLOWED': 'A casting vote cannot be given here.',
  'refusal.TOO_MANY_VOTES':
    '{entered} votes and abstentions were entered, but only {present} are present.',
  'refusal.MINUTES_LOCKED':
    'These minutes were approved as a correct record; they change only by a recorded correction.',
  'refusal.AGENDA_ITEM_TAKEN_UP':
    'The meeting has taken up that item; it stays on the agenda as it is.',
  'refusal.SECRET_BALLOT_REQUIRED':
    'The standing orders require this question to be decided by secret ballot, not in the room.',
  'refusal.ALREADY_ON_SPEAKERS_LIST': 'You are already on the speakers list.',
  'refusal.NO_ONE_WAITING': 'No one is waiting to speak.',
  'refusal.NO_ONE_SPEAKING': 'No one has the floor.',
} as const satisfies Record<`refusal.${ErrorCode}`, string>;

/** The same in French (messages.test.ts checks every code has its entry in each language). */
export const refusalMessagesFr: Partial<Catalogue> = {
  'refusal.VALIDATION_FAILED': 'Ce qui a été envoyé n’est pas valable.',
  'refusal.MALFORMED_FILE': 'Le fichier n’a pas pu être lu.',
  'refusal.NOT_SIGNED_IN': 'Connectez-vous pour faire cela.',
  'refusal.BAD_CREDENTIALS': 'Cette adresse et ce mot de passe ne correspondent à aucun compte.',
  'refusal.FORBIDDEN': 'Vous n’avez pas le droit de faire cela.',
  'refusal.CSRF_REJECTED':
    'Ce formulaire a été envoyé depuis un autre site ; il a donc été refusé. Revenez en arrière, rechargez la page et réessayez.',
  'refusal.NOT_FOUND': 'Introuvable, ou vous n’avez pas le droit de le voir.',
  'refusal.ALREADY_EXISTS': 'Cela existe déjà.',
  'refusal.ALREADY_SET_UP': 'Seconded a déjà un administrateur. Connectez-vous plutôt.',
  'refusal.ALREADY_VOTED': 'Ce vote a déjà été donné : chaque membre ne vote qu’une fois.',
  'refusal.BALLOT_NOT_OPEN': 'Ce scrutin n’est pas ouvert.',
  'refusal.BALLOT_CLOSED': 'Ce scrutin est clos ; les votes ne sont plus reçus.',
  'refusal.NOT_ELIGIBLE': 'Vous ne faites pas partie du corps électoral de ce scrutin.',
  'refusal.NOMINATION_INVALID': 'Cette candidature ne peut pas être présentée.',
  'refusal.CONFLICT': 'Ce n’est pas possible dans l’état actuel des choses ; rechargez la page.',
  'refusal.TOKEN_INVALID': 'Ce lien a déjà servi ou a expiré.',
  'refusal.PAYLOAD_TOO_LARGE': 'Ce fichier est trop volumineux.',
  'refusal.UNSUPPORTED_METHOD_OPTION': 'Cette méthode de dépouillement n’admet pas cette option.',
  'refusal.TOO_MANY_REQUESTS':
    'Trop de demandes à l’instant. Attendez quelques minutes et réessayez.',
  'refusal.NOT_A_MEMBER': 'Seul un membre de l’instance peut faire cela.',
  'refusal.SECONDER_IS_PROPOSER': 'L’auteur de la motion ne peut pas aussi l’appuyer.',
  'refusal.NOT_PRESENT': 'Seul un membre présent à la réunion peut faire cela.',
  'refusal.NOT_SECONDED': 'La question ne peut pas être mise aux voix : personne ne l’a appuyée.',
  'refusal.QUORUM_NOT_MET':
    'Membres présents : {present} ; le quorum est de {required}. Aucun vote ne peut avoir lieu.',
  'refusal.QUESTION_ALREADY_PUT': 'La question a déjà été mise aux voix.',
  'refusal.ILLEGAL_TRANSITION': 'Cette étape n’est pas possible à ce stade des travaux.',
  'refusal.WITHDRAWAL_NEEDS_CONSENT':
    'Une fois présentée, une motion ne peut être retirée qu’avec l’accord de l’assemblée.',
  'refusal.REMIT_NEEDS_MOVER_CONSENT':
    'Une motion n’est renvoyée que si son auteur y consent ; sinon, elle est mise aux voix.',
  'refusal.NOTICE_NOT_GIVEN': 'Le préavis exigé par le règlement intérieur n’a pas été donné.',
  'refusal.MOTION_DEADLINE_PASSED':
    'Les motions pour cette réunion devaient être déposées avant le {deadline} (UTC).',
  'refusal.AMENDMENT_TOO_DEEP': 'Le règlement intérieur n’admet pas un amendement à ce niveau.',
  'refusal.AMENDMENT_PENDING':
    'Un amendement est en discussion devant l’assemblée : il doit d’abord être réglé.',
  'refusal.NOT_AMENDABLE': 'Cela ne peut pas être amendé de cette façon.',
  'refusal.WORDS_NOT_FOUND': 'Les mots visés par l’amendement ne figurent pas dans le texte.',
  'refusal.WORDS_AMBIGUOUS':
    'Les mots visés par l’amendement figurent plusieurs fois dans le texte ; précisez lesquels.',
  'refusal.CASTING_VOTE_NOT_ALLOWED': 'Une voix prépondérante ne peut pas être donnée ici.',
  'refusal.TOO_MANY_VOTES':
    'Il y a plus de voix saisies ({entered}) que de membres présents ({present}).',
  'refusal.MINUTES_LOCKED':
    'Ce procès-verbal a été approuvé ; il ne change que par une rectification consignée.',
  'refusal.AGENDA_ITEM_TAKEN_UP':
    'L’assemblée a abordé ce point ; il reste à l’ordre du jour tel quel.',
  'refusal.SECRET_BALLOT_REQUIRED':
    'Le règlement intérieur exige que cette question soit tranchée à bulletin secret, et non en séance.',
  'refusal.ALREADY_ON_SPEAKERS_LIST': 'Vous êtes déjà inscrit sur la liste des orateurs.',
  'refusal.NO_ONE_WAITING': 'Personne n’attend pour prendre la parole.',
  'refusal.NO_ONE_SPEAKING': 'Personne n’a la parole.',
};
