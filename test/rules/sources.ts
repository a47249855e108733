/** The pages the rule book (docs/rules.md) quotes; the tables cite them. */
export const SRC = {
  aamaPolicies: 'https://www.aama-ntl.org/cma-aama-exam/recertification-policies',
  aamaFaq: 'https://www.aama-ntl.org/continuing-education/faqs-recertification',
  aamaNotice2020:
    'https://myemail.constantcontact.com/CMA--AAMA--Recertification-Policy-Change.html?aid=hn0s9FaqZ4Q&soid=1104002974340',
  aamaDoesItCount:
    'https://aama-ntl.org/publications/aama-blog/blog-post-template/AAMA-blog/2026/06/24/does-it-count--how-to-determine-whether-non-aama-approved-ceus-will-be-accepted',
  aamaTwiceAsNice:
    'https://aama-ntl.org/publications/aama-blog/blog-post-template/AAMA-blog/2026/06/24/twice-as-nice--how-to-use-college-courses-for-recertification-points',
  aamaCpr: 'https://cmaaamainsight.wordpress.com/',
  uwHealth:
    'https://uconnect.wisc.edu/cosmos/swiftbot/depts/uwhealth/ambulatory-education/certifications/ma/resources/name-121702-en.file',
  amtStay: 'https://americanmedtech.org/Certification/Stay-Certified/tabs/3',
  amtFees: 'https://www.americanmedtech.org/Stay-Certified',
  amtFaq: 'http://www.americanmedtech.org/MemberServices/CCP/FAQs.aspx',
  ncctFaq: 'https://www.ncctinc.com/CE/FAQ.aspx',
  ncctRepeat: 'http://www.ncctinc.com/CE/FAQ.aspx',
  ncctOutside2023: 'https://info.5y1.org/acls-american-heart-association-renewal_1_f22a92.html',
  ncctOutside2022: 'https://info.5y1.org/acls-bls-certification-online_1_f22a92.html',
  nhaCe: 'https://www.nhanow.com/certification/Before-After-Certification/continuing-education',
  armaCeufast: 'https://ceufast.com/help/article/48000978185',
} as const
