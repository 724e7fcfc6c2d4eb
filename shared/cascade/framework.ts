import { z } from 'zod';

/**
 * The CASCADE framework of joint working between education and mental health services, as the
 * Link Programme guide (2021/22, appendix) describes it. Text is the guide's own; where the guide
 * gives none for a domain the field is empty: we never write programme text of our own.
 */
export interface CascadeDomain {
  id: DomainId;
  title: string;
  shortTitle: string;
  goldStandard: string;
  exampleContent: readonly string[];
  learningOutcomes: readonly string[];
}

export const domainIds = [1, 2, 3, 4, 5, 6, 7] as const;
export const DomainId = z.literal(domainIds, { error: 'Choose one of the seven CASCADE domains (1 to 7)' });
export type DomainId = z.infer<typeof DomainId>;

export const cascadeDomains: readonly CascadeDomain[] = [
  {
    id: 1,
    title: "Clarity on roles, remit and responsibilities of all partners involved in supporting children and young people’s mental health",
    shortTitle: 'Roles, remit and responsibilities',
    goldStandard: 'Full mapping of all sources of support kept up to date and accessible with strong links between all partners.',
    exampleContent: [
      'Local initiatives that are underway/ planned and how settings can get involved. This includes the identification of third sector and voluntary services',
      'How to improve communication between schools and mental health services referral routes and processes for sharing information. Limits to confidentiality. Additional ways that schools and CYPMHS can link in together e.g. training, sharing of resources',
      'Example case studies to show effective mapping of services',
      'Information about MHST, EMHPs and senior mental health leads',
      'Include current landscape of Education and Mental Health',
    ],
    learningOutcomes: [
      'To know how to improve communication and processes between schools and mental health services',
      'To understand how information between schools and mental health services can be shared and updated',
      'To develop a plan with practical actions to improve knowledge of local and national initiatives, clarity of roles and responsibilities',
    ],
  },
  {
    id: 2,
    title: 'Agreed point of contact and role in schools/colleges and CYP mental health services',
    shortTitle: 'Agreed point of contact',
    goldStandard: 'Agreed and shared points of contact with all partners that are kept up to date if staff change.',
    exampleContent: [
      'Mapping of services/ outline of local support offer directory of services.',
      "Identify local additional services available to schools/ FE colleges to support CYP in relation to children’s holistic health and wellbeing",
      'How schools manage mental health related concerns and processes, e.g., the role of the senior mental health lead in schools and how they relate to the MHST',
      'Troubleshooting what is working well and how to improve communication between schools and mental health services – routes and processes for sharing information',
      'Understanding of referral pathways and threshold',
      'Identify how local services will be kept up to date and identify any opportunities to link in e.g. forums. Identify key people with the responsibility to oversee this',
    ],
    learningOutcomes: [
      'To understand local processes for sharing information related to CYP mental health and wellbeing',
      'To highlight knowledge of local processes and routes for support',
      'Develop a plan with practical actions to ensure shared points of contact with all partners are current and regularly updated',
    ],
  },
  {
    id: 3,
    title: 'Structures to support shared planning and collaborative working',
    shortTitle: 'Shared planning structures',
    goldStandard:
      'Steering group or partnership agreement or other structure to support sharing planning and collaborative working, embedded well with other relevant groups',
    exampleContent: [
      'How to establish a steering group/ forum/multi-agency meetings across education and MH. What could this look like locally, what would be the aim of these structures, how often would they meet, who would take which key responsibilities, which services need to be included in this and how will they be kept up to date?',
      'How to develop, operationalise and embed a whole-school approach to mental health. Which services need to be included as part of this plan?',
    ],
    learningOutcomes: [
      'To know how to develop structures to support shared planning and collaborative working',
      'Understand how to establish a collaborative working environment which supports shared planning',
      'Develop a plan with practical actions to create a structured environment which will support shared planning and collaborative working',
    ],
  },
  {
    id: 4,
    title: 'Common approach to outcome measures for young people',
    shortTitle: 'Common outcome measures',
    goldStandard: 'Routine use of shared outcome measures that are routinely shared',
    exampleContent: [
      'Sharing of knowledge around outcome measures and best practice examples from both education and mental health settings',
      'Understand how to use outcome measures in an education setting',
      'How to select an evidence based common outcome measure for use across the locality',
      'How to use outcome measures for evaluation, temperature checking and targeted work',
      'How to measure staff wellbeing',
    ],
    learningOutcomes: [
      'To know and understand what an outcome measure is, how to use them and the difference between health and education outcome measures',
      'To know how to select and use an appropriate outcome measure for your setting',
      'Understand how to use and share common outcome measures across the local area',
      'Develop a plan with practical actions to develop effective monitoring and measuring of outcome measures',
    ],
  },
  {
    id: 5,
    title: 'Ability to continue to learn and draw on best practice',
    shortTitle: 'Learning from best practice',
    // The guide prints this domain's content without its heading or a gold standard.
    goldStandard: '',
    exampleContent: [
      'What is evidence-based practice?',
      'How to measure the success of a whole-school approach to mental health and wellbeing',
      'Examples of good practice across education and CYPMHS, joint training programmes, newsletters, web forums',
      'How to set up a community of practice',
      'How to improve communication between schools and mental health services routes and processes for sharing information',
    ],
    learningOutcomes: [
      'To know how to create opportunities to share evidence based practice',
      'Understand how knowledge of evidence-based practice can be used to improve collaborative working and drive change',
      'Develop practical actions to improve the knowledge and understanding of evidence-based practice locally',
    ],
  },
  {
    id: 6,
    title: 'Development of integrated working to promote rapid and better access to support',
    shortTitle: 'Integrated working and access',
    goldStandard: 'Widespread integrated working with all partners to improve access with clear and/or rapid path to support',
    exampleContent: [
      'Outline of the local referral processes and thresholds from a local CYPMHS representative',
      'To know how to develop internal school pathways to support existing external CYPMHS pathways of support',
      'How to streamline the referral process by using retracted referral form examples and the 5 Ps model. To understand what models are currently used locally',
      'How to improve communication between schools and mental health services routes and processes for sharing information',
    ],
    learningOutcomes: [
      'To know and understand the local referral pathways and how to complete a timely and appropriate referral',
      'Understand how to improve existing process to ensure access for clear/ or rapid support',
      'To know how to develop an integrated and targeted approach for referral using a model such as, the 5Ps of formulation, Thrive or a local model',
      'Develop a plan with practical actions to outline the local referral process and thresholds for support',
    ],
  },
  {
    id: 7,
    title: 'Evidence-based approach to intervention',
    shortTitle: 'Evidence-based intervention',
    goldStandard: 'Clear training programme for all staff with some joint training alongside interventions',
    exampleContent: [
      'How to develop and implement a peer support system',
      'Identify what services are in place to support staff mental health. How to develop a supervision system/ reflective space for school/ college staff',
      'How to measure the success of a whole-school approach to mental health and wellbeing',
      'How to implement a pupil (or staff) wellbeing survey',
      'To identify any gaps in mental health knowledge in staff members and potential training offers that could support this.',
    ],
    learningOutcomes: [
      'To identify a range of different evidence-based interventions in schools, including peer support and staff support',
      'Understand how evidence based interventions are being implemented in different services and beneficial to CYP',
      'Develop a clear training programme for all staff to improve shared knowledge and understanding of evidence-based interventions',
    ],
  },
];

export function domain(id: DomainId): CascadeDomain {
  return cascadeDomains[id - 1]!;
}

/** How far the locality is from the gold standard: 5 means it is met. */
export const ratingValues = [1, 2, 3, 4, 5] as const;
export const DomainRating = z
  .number({ error: 'Choose a rating from 1 to 5' })
  .int('Choose a rating from 1 to 5')
  .min(1, 'Choose a rating from 1 to 5')
  .max(5, 'Choose a rating from 1 to 5');
export type DomainRating = z.infer<typeof DomainRating>;

export const ratingLabels: Record<DomainRating, string> = {
  1: 'Far from the gold standard',
  2: 'Some way from the gold standard',
  3: 'Part of the way to the gold standard',
  4: 'Close to the gold standard',
  5: 'The gold standard is met',
};

export const dontKnowLabel = 'Don’t know';
