/**
 * Facts the pages state that are not translations: who to contact and when the
 * accessibility statement was last reviewed. An operator running their own
 * deployment changes these here, in one place.
 */
export const SITE = {
  /** Feedback on the service and on its accessibility (Act on the Provision of Digital Services § 15). */
  feedbackEmail: 'palaute@verkosto.example.fi',
  /** ISO date the accessibility statement was prepared or last reviewed. */
  statementDate: '2026-11-22',
} as const;

/**
 * The supervising authority every Finnish accessibility statement must name,
 * with the contact details Traficom asks statements to give. Each language
 * has its own address of the same service.
 */
export const SUPERVISOR = {
  web: { fi: 'https://www.saavutettavuusvaatimukset.fi', sv: 'https://www.webbtillganglighet.fi', en: 'https://www.webaccessibility.fi' },
  email: 'saavutettavuus@traficom.fi',
  phone: '029 534 5000',
} as const;
