/**
 * Writes catalog/courses/sample-*.json: invented courses, clearly labelled
 * (`source.confidence: "sample"`, "(sample data)" providers), so that search and planning have
 * enough to work on. Deterministic: the same seed writes the same files.
 *
 *   npx tsx scripts/make-sample-catalog.ts
 */
import { writeFileSync } from 'node:fs'
import type { Approval, Category, Course, Format } from '../src/core/catalog/schemas.js'

type Topic = [
  slug: string,
  area: Category | 'mixed',
  titles: string[],
  tags: string[],
  about: string,
]

const TOPICS: Topic[] = [
  [
    'phlebotomy',
    'clinical',
    [
      'Phlebotomy Techniques Refresher',
      'Advanced Venipuncture for Medical Assistants',
      'Pediatric Blood Draw Skills',
    ],
    ['phlebotomy', 'venipuncture', 'specimen collection'],
    'collecting blood specimens safely: site selection, order of draw, tube handling and patient comfort',
  ],
  [
    'pharmacology',
    'clinical',
    [
      'Pharmacology Essentials for Medical Assistants',
      'Medication Administration and Dosage Calculation',
      'Pharmacology Update: New Drug Classes',
    ],
    ['pharmacology', 'medications', 'dosage'],
    'drug classes, routes of administration, dosage calculation and medication safety',
  ],
  [
    'cardiology',
    'clinical',
    [
      'Cardiology Basics for the Clinic',
      'Assisting in Cardiology Practices',
      'Heart Failure: What the Medical Assistant Should Know',
    ],
    ['cardiology', 'heart', 'cardiovascular'],
    "the cardiovascular system, common heart conditions and the medical assistant's role in cardiology visits",
  ],
  [
    'ekg',
    'clinical',
    [
      '12-Lead EKG Placement and Troubleshooting',
      'Reading Rhythm Strips: An Introduction',
      'Holter and Event Monitor Hookup',
    ],
    ['ekg', 'electrocardiogram', 'rhythm'],
    'electrode placement, artifacts and recognising the rhythms that need immediate attention',
  ],
  [
    'vital-signs',
    'clinical',
    [
      'Accurate Vital Signs Measurement',
      'Blood Pressure Measurement Done Right',
      'Pulse Oximetry and Respiratory Assessment',
    ],
    ['vital signs', 'blood pressure', 'assessment'],
    'measuring and recording temperature, pulse, respiration, blood pressure and oxygen saturation',
  ],
  [
    'infection-control',
    'clinical',
    [
      'Infection Control in the Ambulatory Setting',
      'Hand Hygiene and Standard Precautions',
      'Sterilization and Disinfection of Instruments',
    ],
    ['infection control', 'asepsis', 'standard precautions'],
    'the chain of infection, standard and transmission-based precautions, and instrument processing',
  ],
  [
    'bloodborne',
    'clinical',
    ['Bloodborne Pathogens Annual Training', 'Needlestick Prevention and Exposure Response'],
    ['bloodborne pathogens', 'osha', 'exposure control'],
    'the OSHA bloodborne pathogens standard, exposure control plans and what to do after an exposure',
  ],
  [
    'immunization',
    'clinical',
    [
      'Vaccine Storage and Handling',
      'Immunization Schedules Across the Lifespan',
      'Talking With Vaccine-Hesitant Patients',
    ],
    ['vaccines', 'immunizations', 'cold chain'],
    'vaccine storage, schedules, administration and patient education',
  ],
  [
    'injections',
    'clinical',
    ['Injection Techniques: IM, SubQ and Intradermal', 'Safe Injection Practices'],
    ['injections', 'medication administration'],
    'choosing the site, needle and technique for intramuscular, subcutaneous and intradermal injections',
  ],
  [
    'wound-care',
    'clinical',
    ['Wound Care and Dressing Changes', 'Suture and Staple Removal'],
    ['wound care', 'minor procedures'],
    'wound assessment, dressing selection and assisting with minor office procedures',
  ],
  [
    'specimens',
    'clinical',
    [
      'Point-of-Care Testing in the Physician Office',
      'Urinalysis for Medical Assistants',
      'CLIA-Waived Testing Quality Control',
    ],
    ['laboratory', 'point of care', 'clia'],
    'CLIA-waived tests, quality control and specimen handling in the physician office laboratory',
  ],
  [
    'diabetes',
    'clinical',
    ['Diabetes Management Support', 'Glucose Monitoring and A1C Testing'],
    ['diabetes', 'glucose', 'chronic care'],
    'supporting patients with diabetes: monitoring, education and follow-up',
  ],
  [
    'respiratory',
    'clinical',
    ['Spirometry Testing Basics', 'Asthma and COPD Patient Education'],
    ['spirometry', 'asthma', 'copd'],
    'pulmonary function testing and coaching patients with chronic lung disease',
  ],
  [
    'pediatrics',
    'clinical',
    ['Pediatric Patient Care for Medical Assistants', 'Well-Child Visits and Growth Charts'],
    ['pediatrics', 'children', 'growth'],
    'working with children and their families, growth measurements and well-child visits',
  ],
  [
    'geriatrics',
    'clinical',
    ['Caring for Older Adults in the Clinic', 'Fall Risk Screening'],
    ['geriatrics', 'older adults', 'falls'],
    'age-related changes, polypharmacy and screening older adults for falls',
  ],
  [
    'emergency',
    'clinical',
    [
      'Office Emergencies: Preparedness and Response',
      'First Aid for the Medical Office',
      'Recognizing Stroke and Heart Attack',
    ],
    ['emergency', 'first aid', 'preparedness'],
    'preparing for and responding to emergencies in the medical office',
  ],
  [
    'cpr',
    'clinical',
    ['CPR and AED Review for Healthcare Providers', 'Basic Life Support Skills Refresher'],
    ['cpr', 'bls', 'aed'],
    'high-quality chest compressions, rescue breathing and AED use (a review: it does not issue a CPR card)',
  ],
  [
    'ob-gyn',
    'clinical',
    ['Assisting With Gynecologic Exams', 'Prenatal Care Basics'],
    ['obstetrics', 'gynecology', 'prenatal'],
    "preparing patients and assisting providers in women's health visits",
  ],
  [
    'dermatology',
    'clinical',
    ['Dermatology Procedures for Medical Assistants'],
    ['dermatology', 'skin'],
    'skin assessment, biopsies and common dermatology procedures',
  ],
  [
    'ophthalmology',
    'clinical',
    ['Vision and Hearing Screening'],
    ['vision', 'hearing', 'screening'],
    'Snellen, Ishihara and audiometry screening in the office',
  ],
  [
    'nutrition',
    'clinical',
    ['Nutrition Counseling Basics', 'Weight Management Support in Primary Care'],
    ['nutrition', 'diet', 'obesity'],
    'dietary guidelines and supporting patients who want to change how they eat',
  ],
  [
    'orthopedics',
    'clinical',
    ['Orthopedic Assisting: Casts, Splints and Crutches'],
    ['orthopedics', 'casting', 'mobility'],
    'applying splints, fitting crutches and assisting in orthopedic visits',
  ],
  [
    'radiology',
    'clinical',
    ['Radiation Safety for Limited X-ray'],
    ['radiography', 'x-ray', 'radiation safety'],
    'radiation protection and positioning basics',
  ],
  [
    'coding',
    'administrative',
    [
      'ICD-10-CM Coding Fundamentals',
      'CPT and HCPCS Coding for the Front Office',
      'Coding Updates for the New Year',
    ],
    ['coding', 'icd 10', 'cpt codes'],
    'assigning diagnosis and procedure codes accurately and staying current with code changes',
  ],
  [
    'billing',
    'administrative',
    [
      'Medical Billing and Insurance Claims',
      'Reducing Claim Denials',
      'Revenue Cycle Basics for Medical Assistants',
    ],
    ['billing', 'insurance claims', 'reimbursement'],
    'the claims process, denials, appeals and the revenue cycle',
  ],
  [
    'scheduling',
    'administrative',
    ['Appointment Scheduling Strategies', 'Managing No-Shows and Patient Flow'],
    ['scheduling', 'appointments', 'patient flow'],
    'scheduling models, triage of requests and reducing no-shows',
  ],
  [
    'ehr',
    'administrative',
    [
      'Electronic Health Records in Practice',
      'EHR Documentation Best Practices',
      'Patient Portals and Secure Messaging',
    ],
    ['ehr', 'electronic health record', 'documentation'],
    'documenting in the electronic health record, templates, portals and data quality',
  ],
  [
    'charting',
    'administrative',
    ['Medical Documentation and Charting', 'SOAP Notes for Medical Assistants'],
    ['charting', 'documentation', 'soap notes'],
    'what to document, how, and why it matters legally and clinically',
  ],
  [
    'hipaa',
    'administrative',
    [
      'HIPAA Privacy and Security Essentials',
      'HIPAA Update: Patient Access Rights',
      'Social Media and Patient Privacy',
    ],
    ['hipaa', 'privacy', 'security'],
    'protected health information, patient rights and avoiding privacy breaches',
  ],
  [
    'osha',
    'administrative',
    ['OSHA Compliance in the Medical Office', 'Hazard Communication and Safety Data Sheets'],
    ['osha', 'safety', 'compliance'],
    'OSHA standards that apply to medical offices, hazard communication and record keeping',
  ],
  [
    'front-office',
    'administrative',
    [
      'Front Office Excellence',
      'Telephone Triage Basics',
      'Patient Registration and Insurance Verification',
    ],
    ['front office', 'reception', 'insurance verification'],
    'greeting, registering and verifying insurance for patients efficiently',
  ],
  [
    'practice-management',
    'administrative',
    ['Practice Management for Medical Assistants', 'Inventory and Supply Management'],
    ['practice management', 'operations'],
    'office operations, supplies, budgets and workflows',
  ],
  [
    'telehealth',
    'administrative',
    ["Telehealth Visits: The Medical Assistant's Role", 'Setting Up Virtual Visits'],
    ['telehealth', 'telemedicine', 'virtual care'],
    'preparing patients and technology for telehealth visits',
  ],
  [
    'compliance',
    'administrative',
    ['Fraud, Waste and Abuse Compliance', 'Medicare Basics for Medical Assistants'],
    ['compliance', 'medicare', 'fraud'],
    'compliance programs, Medicare rules and avoiding fraud, waste and abuse',
  ],
  [
    'quality',
    'administrative',
    ['Quality Measures and Value-Based Care', 'Care Gaps and Population Health'],
    ['quality', 'value-based care', 'population health'],
    'quality measures, closing care gaps and value-based payment',
  ],
  [
    'ethics',
    'general',
    [
      'Medical Law and Ethics for Medical Assistants',
      'Scope of Practice: What Medical Assistants May Do',
      'Professionalism in Healthcare',
    ],
    ['ethics', 'law', 'scope of practice'],
    'legal and ethical duties, consent, scope of practice and professional conduct',
  ],
  [
    'communication',
    'general',
    [
      'Therapeutic Communication Skills',
      'Health Literacy and Patient Education',
      'Difficult Conversations With Patients',
    ],
    ['communication', 'patient education', 'health literacy'],
    'listening, teach-back and communicating with patients of every background',
  ],
  [
    'cultural',
    'general',
    ['Cultural Competence in Patient Care', 'Working With Medical Interpreters'],
    ['cultural competence', 'diversity', 'interpreters'],
    'culturally responsive care and working with interpreters',
  ],
  [
    'terminology',
    'general',
    [
      'Medical Terminology Review',
      'Anatomy and Physiology Refresher',
      'Word Parts: Prefixes, Roots and Suffixes',
    ],
    ['terminology', 'anatomy', 'physiology'],
    'building and decoding medical terms and reviewing body systems',
  ],
  [
    'psychology',
    'general',
    [
      'Behavioral Health Screening in Primary Care',
      'Depression and Anxiety: Recognizing the Signs',
    ],
    ['behavioral health', 'mental health', 'screening'],
    'screening tools and supporting patients with mental health needs',
  ],
  [
    'teamwork',
    'general',
    ['Team-Based Care and Collaboration', 'Conflict Resolution in the Workplace'],
    ['teamwork', 'collaboration', 'conflict'],
    'working in care teams, handoffs and resolving conflict',
  ],
  [
    'wellness',
    'general',
    ['Preventing Burnout in Healthcare Workers', 'Stress Management for Medical Assistants'],
    ['burnout', 'wellness', 'self-care'],
    'recognising burnout and building resilience',
  ],
  [
    'customer-service',
    'general',
    ['Patient Experience and Customer Service', 'Service Recovery: Turning Complaints Around'],
    ['customer service', 'patient experience'],
    'creating a good patient experience and handling complaints',
  ],
  [
    'domestic-violence',
    'general',
    ['Recognizing Domestic Violence and Abuse', 'Elder Abuse: Signs and Reporting'],
    ['domestic violence', 'abuse', 'reporting'],
    'recognising abuse, mandatory reporting and supporting survivors',
  ],
  [
    'hiv',
    'general',
    ['HIV/AIDS Update for Healthcare Workers'],
    ['hiv', 'aids', 'infectious disease'],
    'HIV transmission, testing, treatment and reducing stigma',
  ],
  [
    'public-health',
    'general',
    ['Public Health and Disease Reporting', 'Opioid Crisis: What Medical Assistants Should Know'],
    ['public health', 'opioids', 'reporting'],
    'reportable diseases, the opioid crisis and community health',
  ],
  [
    'allergy',
    'clinical',
    ['Allergy Testing and Immunotherapy Assisting', 'Anaphylaxis Recognition and Response'],
    ['allergy', 'immunotherapy', 'anaphylaxis'],
    'skin testing, allergy injections and responding to anaphylaxis',
  ],
  [
    'urology',
    'clinical',
    ['Assisting in Urology Practices', 'Catheterization Basics for Medical Assistants'],
    ['urology', 'catheterization'],
    'urology visits, specimen collection and catheter care',
  ],
  [
    'gastro',
    'clinical',
    ['Colonoscopy Prep and Patient Education', 'Gastrointestinal Disorders Overview'],
    ['gastroenterology', 'colonoscopy', 'digestive system'],
    'preparing patients for GI procedures and common digestive disorders',
  ],
  [
    'neurology',
    'clinical',
    ['Neurology Office Assisting', 'Seizure First Aid'],
    ['neurology', 'seizures', 'nervous system'],
    'neurological assessments and what to do during a seizure',
  ],
  [
    'pain',
    'clinical',
    ['Pain Assessment and Management Support'],
    ['pain', 'opioids', 'assessment'],
    'pain scales, non-drug measures and safe medication use',
  ],
  [
    'patient-safety',
    'general',
    ['Patient Safety and Error Prevention', 'Patient Identification and Time-Outs'],
    ['patient safety', 'errors', 'identification'],
    'preventing errors with checklists, two identifiers and a culture of safety',
  ],
  [
    'medical-records',
    'administrative',
    ['Release of Information and Medical Records Management', 'Records Retention and Destruction'],
    ['medical records', 'release of information', 'retention'],
    'handling requests for records, retention schedules and secure destruction',
  ],
  [
    'payer',
    'administrative',
    ['Prior Authorization Made Simple', 'Understanding Health Insurance Plans'],
    ['prior authorization', 'insurance', 'payers'],
    'plan types, benefits, and getting prior authorizations approved',
  ],
  [
    'career',
    'general',
    [
      'Planning Your Recertification Continuing Education',
      'Resume and Interview Skills for Medical Assistants',
    ],
    ['career', 'recertification', 'professional development'],
    'planning continuing education and growing as a professional',
  ],
  [
    'leadership',
    'mixed',
    [
      'Leadership Skills for Lead Medical Assistants',
      'Precepting and Training New Medical Assistants',
    ],
    ['leadership', 'precepting', 'career'],
    'leading a team, training new staff and growing your career',
  ],
  [
    'chronic-care',
    'mixed',
    ['Chronic Care Management Programs', 'Care Coordination and Transitions of Care'],
    ['chronic care', 'care coordination', 'transitions'],
    'chronic care management, care plans and safe transitions between settings',
  ],
  [
    'conference',
    'mixed',
    [
      'Medical Assisting Fall Symposium',
      'Regional Medical Assistant Education Day',
      'Spring Clinical Skills Seminar',
    ],
    ['conference', 'seminar', 'networking'],
    'a day of sessions across clinical, administrative and general topics',
  ],
]

let seed = 20261124
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
  return seed / 2_147_483_648
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

const PROVIDERS = ['sample-academy', 'sample-learning', 'sample-society'] as const
const ONLINE_FORMATS: Format[] = ['online', 'online', 'self-study', 'webinar', 'article']
const EVENT_FORMATS: Format[] = ['seminar', 'workshop', 'conference']
const CITIES = [
  'Columbus, OH',
  'Denver, CO',
  'Raleigh, NC',
  'Sacramento, CA',
  'Omaha, NE',
  'Tampa, FL',
]
const CATEGORY_LIST: Category[] = ['administrative', 'clinical', 'general']

function credits(area: Topic[1], hours: number): Course['credits'] {
  if (area !== 'mixed') return { [area]: hours }
  // Split across areas by the time spent in each, in half hours (docs/rules.md: multi-area course).
  const out: Course['credits'] = {}
  let left = hours
  CATEGORY_LIST.forEach((category, i) => {
    const share = i === 2 ? left : Math.round(hours * (0.2 + random() * 0.3) * 2) / 2
    if (share > 0) out[category] = share
    left -= share
  })
  return out
}

function makeCourse(topic: Topic, title: string, index: number): Course {
  const [, area, , tags, about] = topic
  const event = topic[0] === 'conference' || random() < 0.12
  const format = event ? pick(EVENT_FORMATS) : pick(ONLINE_FORMATS)
  const provider = event ? 'sample-society' : (PROVIDERS[index % 2] as string)
  const hours = event ? pick([3, 4, 5, 6, 8]) : pick([1, 1, 1, 1.5, 2, 2, 3])
  const roll = random()
  const approvals: Approval[] =
    roll < 0.55
      ? ['AAMA', 'AMT', 'NHA']
      : roll < 0.7
        ? ['AAMA']
        : roll < 0.85
          ? ['AMT', 'NHA', 'NCCT']
          : []
  const perHour = pick([0, 5, 8, 10, 12, 15, 20])
  const price = index % 29 === 7 ? null : Math.round(hours * perHour * 100) / 100
  const course: Course = {
    id: `sample-${slug(title)}`,
    provider,
    title,
    description: `Sample course (invented data): ${about}. Written for practising medical assistants.`,
    format,
    hours,
    credits: credits(area, hours),
    approvals,
    price,
    tags,
    source: {
      confidence: 'sample',
      note: 'Invented for demonstration; not a real course, price or credit amount.',
    },
  }
  // Yearly employer training: NCCT counts it once every five years (docs/rules.md).
  if (/annual training/i.test(title)) course.recurringTraining = true
  if (event) {
    const month = 1 + Math.floor(random() * 12)
    const day = 1 + Math.floor(random() * 27)
    const start = `2027-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    course.sessions = [{ start, end: start, location: pick(CITIES) }]
  }
  return course
}

const byProvider = new Map<string, Course[]>()
let index = 0
for (const topic of TOPICS) {
  for (const title of topic[2]) {
    const course = makeCourse(topic, title, index++)
    byProvider.set(course.provider, [...(byProvider.get(course.provider) ?? []), course])
  }
}
for (const [provider, courses] of byProvider) {
  const file = new URL(`../catalog/courses/${provider}.json`, import.meta.url)
  writeFileSync(file, `${JSON.stringify(courses, null, 2)}\n`)
  console.log(`${provider}: ${courses.length} courses`)
}
