import { MAX_COMMENT_CHARS, type SurveyProblem } from '../core/survey-vote.ts';

/** What a person reads when a survey request cannot do what they meant: what happened, and what to do. */
export interface ProblemPage {
  readonly status: number;
  readonly heading: string;
  readonly paragraphs: readonly string[];
}

const REPLY_INSTEAD = 'You can also simply reply to our email and tell us how we did: it reaches our team.';

/** One page per problem; the status says the same to anything that is not a person. */
export const PROBLEM_PAGES: Readonly<Record<SurveyProblem, ProblemPage>> = {
  'malformed-link': {
    status: 400,
    heading: 'This link is incomplete',
    paragraphs: [
      'Part of the survey link is missing. That happens when a long link is cut off or broken across lines in an email.',
      `Open the link again from our email, or copy all of it into your browser. ${REPLY_INSTEAD}`,
    ],
  },
  'forged-link': {
    status: 403,
    heading: 'This link does not work',
    paragraphs: [
      'The survey link has been changed, so we cannot tell which case it belongs to. Nothing was recorded.',
      `Open the link again from our email. ${REPLY_INSTEAD}`,
    ],
  },
  'expired-link': {
    status: 410,
    heading: 'This survey has closed',
    paragraphs: [
      'Survey links work for a limited time after a case is solved, and this one has expired. Nothing was recorded.',
      'If you would still like to tell us something, just reply to our email: it reaches our team.',
    ],
  },
  'unknown-case': {
    status: 404,
    heading: 'We cannot find this case',
    paragraphs: [
      'The link names a case we have no record of. Nothing was recorded.',
      `Please reply to our email instead. ${REPLY_INSTEAD}`,
    ],
  },
  'forged-form': {
    status: 400,
    heading: 'This form cannot be used',
    paragraphs: [
      'The form was changed or cut short before it reached us, so nothing was recorded.',
      'Open the survey link from our email again and send your answer from that page.',
    ],
  },
  'expired-form': {
    status: 410,
    heading: 'This page was open too long',
    paragraphs: [
      'A survey page works for a day after it is opened, and this one has expired. Nothing was recorded.',
      'Open the survey again to answer: it takes a moment.',
    ],
  },
  'replayed-form': {
    status: 409,
    heading: 'Already recorded',
    paragraphs: [
      'This form was sent before, and the answer in it is recorded. Sending it again changes nothing.',
      'To change your answer, open the survey again.',
    ],
  },
  superseded: {
    status: 409,
    heading: 'A newer answer counts',
    paragraphs: [
      'A newer answer for this case reached us at the same moment, or you have answered a later survey of it, and that one counts. This one was not recorded.',
      'To change your answer, open the survey from our latest email.',
    ],
  },
  'missing-answer': {
    status: 400,
    heading: 'Please choose an answer',
    paragraphs: [
      'The form arrived without one of the three answers, so nothing was recorded.',
      'Open the survey again, choose Great, Okay or Not good, and press the button.',
    ],
  },
  'comment-too-long': {
    status: 400,
    heading: 'Your comment is too long',
    paragraphs: [
      `Comments can be up to ${MAX_COMMENT_CHARS.toLocaleString('en')} characters, so nothing was recorded.`,
      'Open the survey again with a shorter comment, or reply to our email with the whole story.',
    ],
  },
  'not-a-form': {
    status: 415,
    heading: 'This page takes only its own form',
    paragraphs: [
      'What arrived was not the form of a survey page, so nothing was recorded.',
      'Open the survey link from our email and answer with its button.',
    ],
  },
  'too-large': {
    status: 413,
    heading: 'That was more than this page accepts',
    paragraphs: [
      'The form was too large, so nothing was recorded.',
      `Open the survey again with a shorter comment. ${REPLY_INSTEAD}`,
    ],
  },
  'wrong-method': {
    status: 405,
    heading: 'This page cannot do that',
    paragraphs: [
      'A survey page is opened with its link and answered with its button; nothing else is accepted here.',
      'Open the survey link from our email.',
    ],
  },
  unexpected: {
    status: 500,
    heading: 'Something went wrong on our side',
    paragraphs: [
      'We could not show this page or record your answer just now. We have logged the problem.',
      `Please try again in a few minutes. ${REPLY_INSTEAD}`,
    ],
  },
};
