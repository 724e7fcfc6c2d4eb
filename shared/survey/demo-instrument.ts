import { InstrumentFile } from './instrument';

/**
 * The ESMHCI-S (school version; Mellin, Taylor & Weist, 2013) has three scales and, within
 * "influences on collaboration", the factors below. Its published item wording is copyrighted,
 * so the items here are ones we wrote to demonstrate the tool. They are not the validated
 * instrument and must not be reported as ESMHCI-S results; import the licensed file for that.
 */
export const demoInstrument: InstrumentFile = InstrumentFile.parse({
  format: 'link-programme-instrument/1',
  id: 'esmhci-s-demo',
  version: '1',
  title: 'School and college collaboration with mental health services (demonstration)',
  demonstration: true,
  notice:
    'This is a demonstration survey. Its questions were written by the Link Programme tool’s developers to show how the survey works; they are not the published ESMHCI-S questions.',
  scales: [
    { id: 'types', label: 'Types of collaboration' },
    { id: 'influences', label: 'Influences on collaboration' },
    { id: 'benefits', label: 'Perceived benefits of collaboration' },
  ],
  factors: [
    { id: 'collaboration-activities', label: 'Joint activities', scale: 'types' },
    { id: 'interpersonal', label: 'Interpersonal processes', scale: 'influences' },
    { id: 'buy-in', label: 'Buy-in', scale: 'influences' },
    { id: 'outreach', label: 'Outreach and approach by community mental health professionals', scale: 'influences' },
    { id: 'environment', label: 'School or college environment', scale: 'influences' },
    { id: 'admin-support', label: 'Administrative support', scale: 'influences' },
    { id: 'benefits', label: 'Benefits for pupils and staff', scale: 'benefits' },
  ],
  responseScales: [
    {
      id: 'frequency',
      options: [
        { value: 1, label: 'Never' },
        { value: 2, label: 'Rarely' },
        { value: 3, label: 'Sometimes' },
        { value: 4, label: 'Often' },
        { value: 5, label: 'Very often' },
      ],
      notApplicable: { label: 'Not applicable' },
    },
    {
      id: 'agreement',
      options: [
        { value: 1, label: 'Strongly disagree' },
        { value: 2, label: 'Disagree' },
        { value: 3, label: 'Neither agree nor disagree' },
        { value: 4, label: 'Agree' },
        { value: 5, label: 'Strongly agree' },
      ],
      notApplicable: { label: 'Not applicable' },
    },
  ],
  context: [
    {
      id: 'setting',
      question: 'What type of setting do you work in?',
      required: true,
      options: [
        { value: 'primary', label: 'Primary school' },
        { value: 'secondary', label: 'Secondary school' },
        { value: 'all-through', label: 'All-through school' },
        { value: 'special', label: 'Special school' },
        { value: 'alternative-provision', label: 'Alternative provision' },
        { value: 'fe-college', label: 'Further education (FE) college' },
        { value: 'sixth-form-college', label: 'Sixth-form college' },
      ],
    },
    {
      id: 'role',
      question: 'What is your role?',
      required: false,
      options: [
        { value: 'senior-leader', label: 'Head teacher, principal or other senior leader' },
        { value: 'mental-health-lead', label: 'Senior mental health lead' },
        { value: 'senco', label: 'Special educational needs co-ordinator (SENCO)' },
        { value: 'pastoral', label: 'Pastoral or wellbeing staff' },
        { value: 'teacher', label: 'Teacher or lecturer' },
        { value: 'other', label: 'Other' },
      ],
    },
  ],
  sections: [
    {
      id: 'types',
      title: 'Working with mental health services',
      description: 'In the past year, how often has your school or college done each of these with community mental health services?',
      items: [
        { id: 't1', text: 'Discussed a pupil’s needs with a mental health professional', responseScale: 'frequency', scale: 'types', factor: 'collaboration-activities' },
        { id: 't2', text: 'Planned support for a pupil together with a mental health professional', responseScale: 'frequency', scale: 'types', factor: 'collaboration-activities' },
        { id: 't3', text: 'Attended training alongside mental health professionals', responseScale: 'frequency', scale: 'types', factor: 'collaboration-activities' },
        { id: 't4', text: 'Shared information about services with a mental health team', responseScale: 'frequency', scale: 'types', factor: 'collaboration-activities' },
      ],
    },
    {
      id: 'people',
      title: 'Relationships and commitment',
      description: 'How far do you agree with each statement?',
      items: [
        { id: 'i1', text: 'Staff here and local mental health professionals trust each other', responseScale: 'agreement', scale: 'influences', factor: 'interpersonal' },
        { id: 'i2', text: 'We understand what local mental health professionals can and cannot do', responseScale: 'agreement', scale: 'influences', factor: 'interpersonal' },
        { id: 'i3', text: 'Disagreements with mental health professionals are hard to resolve', responseScale: 'agreement', scale: 'influences', factor: 'interpersonal', reverse: true },
        { id: 'b1', text: 'Staff here see supporting mental health as part of their job', responseScale: 'agreement', scale: 'influences', factor: 'buy-in' },
        { id: 'b2', text: 'Staff value the involvement of mental health professionals', responseScale: 'agreement', scale: 'influences', factor: 'buy-in' },
      ],
    },
    {
      id: 'services',
      title: 'How services reach you',
      description: 'How far do you agree with each statement?',
      items: [
        { id: 'o1', text: 'Mental health professionals get in touch with us, not only the other way round', responseScale: 'agreement', scale: 'influences', factor: 'outreach' },
        { id: 'o2', text: 'Mental health professionals adapt how they work to fit a school or college day', responseScale: 'agreement', scale: 'influences', factor: 'outreach' },
        { id: 'o3', text: 'We know who to contact in local mental health services', responseScale: 'agreement', scale: 'influences', factor: 'outreach' },
      ],
    },
    {
      id: 'setting',
      title: 'Your school or college',
      description: 'How far do you agree with each statement?',
      items: [
        { id: 'e1', text: 'There is space and time for staff to meet mental health professionals', responseScale: 'agreement', scale: 'influences', factor: 'environment' },
        { id: 'e2', text: 'Competing pressures leave little room for joint work on mental health', responseScale: 'agreement', scale: 'influences', factor: 'environment', reverse: true },
        { id: 'a1', text: 'Our senior leaders actively support joint work with mental health services', responseScale: 'agreement', scale: 'influences', factor: 'admin-support' },
        { id: 'a2', text: 'Senior leaders give staff time for this work', responseScale: 'agreement', scale: 'influences', factor: 'admin-support' },
      ],
    },
    {
      id: 'benefits',
      title: 'What working together brings',
      description: 'How far do you agree with each statement?',
      items: [
        { id: 'p1', text: 'Working with mental health services helps pupils get support sooner', responseScale: 'agreement', scale: 'benefits', factor: 'benefits' },
        { id: 'p2', text: 'Working with mental health services makes staff more confident', responseScale: 'agreement', scale: 'benefits', factor: 'benefits' },
        { id: 'p3', text: 'Working with mental health services improves outcomes for pupils', responseScale: 'agreement', scale: 'benefits', factor: 'benefits' },
      ],
    },
  ],
});
