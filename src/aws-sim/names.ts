/**
 * Name data for seeded organisations: people from many places, teams, account stems, companies.
 * Plain ASCII, because user names and emails are built from them.
 */

export const GIVEN_NAMES: readonly string[] = `
Aaliyah Aarav Abdul Abena Ada Adaeze Adam Adebayo Aditi Adriana Ahmed Aiko Aisha Akira Alana Alejandro
Aleksander Alessandro Alexei Alice Alina Alma Amara Amelia Amir Ana Anders Andrea Andrei Aneesh Angela
Anika Ankit Anna Antoine Anya Arjun Arnav Astrid Aurelio Ayesha Beatriz Ben Benedikt Bianca Bilal
Birgit Bjorn Bogdan Bongani Bruno Camila Carlos Carmen Catalina Cheng Chiara Chidi Chloe Chinonso
Christian Claire Clara Daniel Daniela Dario Darius David Deepa Dejan Diana Diego Dimitri Divya Dmitri
Ebony Eduardo Efua Elena Elif Elijah Elin Elsa Emeka Emil Emily Emma Enrique Erik Esra Esther Ethan
Fatima Federico Felipe Felix Femi Fernanda Filip Fiona Francesca Freya Gabriel Gabriela Giulia Gustavo
Hana Hannah Haruto Hassan Helga Henrik Hiroshi Hugo Ibrahim Ida Ifeoma Igor Ilse Imani Ines Ingrid
Ioana Irina Isabel Isaac Ivan Jabari Jakob James Jana Javier Jia Jin Joao Johanna Jonas Jorge Jose
Julia Julian Jun Kaito Kalani Kamala Karim Karin Kasia Katarina Kavya Keanu Kemal Kenji Khalid Kiara
Kofi Kwame Lailani Lars Laura Layla Leila Leon Lerato Liam Lina Lior Lucas Lucia Luis Lukas Magnus
Mai Maja Malik Mariam Maria Marcus Mario Marta Mateo Matteo Maya Mehmet Mei Mia Mihai Mikael Milan
Ming Mira Mohammed Nadia Naledi Nasser Natalia Nia Nikhil Nikolai Nina Noah Nora Nour Obinna Olga
Oliver Olivia Omar Oskar Pablo Paolo Patrick Paula Pedro Petra Pooja Priya Rafael Rahul Rania Ravi
Rebecca Renata Ricardo Rin Rohan Rosa Ruth Ryo Saanvi Samir Sana Santiago Sara Sebastian Selin Seo-yeon
Sergei Shira Simone Siddharth Sipho Sofia Soren Stefan Sunita Svetlana Tamar Tariq Tatiana Teodora
Thabo Thomas Tiago Tomasz Tunde Valentina Vera Victor Vikram Wei Wiktoria Xin Yara Yasmin Yuki Yusuf
Zainab Zara Zeynep Zhang Zoe Zoran
`.trim().split(/\s+/);

export const FAMILY_NAMES: readonly string[] = `
Abara Abe Acheampong Adeyemi Agarwal Ahmadi Akhtar Al-Farsi Alvarez Amponsah Andersen Andersson Anand
Antonelli Araujo Asante Bakker Banda Banerjee Barros Bauer Becker Bergstrom Bianchi Bjork Blanco Bondarenko
Brandt Bui Caldeira Campbell Cardoso Castillo Castro Chakraborty Chen Cho Chowdhury Ciobanu Costa Cruz
Dahl Dang Das Delgado Demir Desai Diallo Dimitrov Dlamini Do Dubois Duarte Edwards Eriksen Esposito
Fernandes Ferrari Fischer Fonseca Fujita Gallagher Garcia Gomes Gonzalez Gupta Haddad Hansen Hashemi
Hayashi Hernandez Hoang Hoffmann Horvat Hossain Huang Hughes Ibrahim Ikeda Inoue Ivanova Iyer Jansen
Jensen Jimenez Johansson Joshi Kahale Kamau Kapoor Karimi Kato Kaur Kawasaki Keller Khan Kim Kimura
Klein Koh Kovacs Kowalski Krishnan Kumar Kuznetsova Lam Larsen Lee Lehmann Lin Lindqvist Liu Lopez
Lungu Machado Mahlangu Maier Malik Mancini Martinez Matsumoto Mazur Medina Mehta Mendes Meyer Mishra
Mokoena Molina Moreau Moreno Muller Murphy Mwangi Nakamura Nascimento Ndlovu Nguyen Nielsen Novak
Nowak Nunes Obi Ochieng Odhiambo Ogunleye Okafor Okonkwo Olsen Omondi Ortiz Osei Ozturk Pak Papadopoulos
Park Patel Pereira Perez Petrov Pham Pillai Popescu Popov Quintero Rahman Ramirez Rao Reddy Reyes
Ribeiro Richter Rizzo Rocha Rodrigues Romano Rossi Ruiz Saito Salazar Santos Sato Schmidt Schneider
Schulz Sharma Shevchenko Silva Singh Sokolov Sorensen Souza Suzuki Svensson Takahashi Tan Tanaka Tavares
Teixeira Thapa Tran Tshabalala Vargas Vasquez Verma Vogel Volkov Vu Wagner Walker Wang Watanabe Weber
Wojcik Wong Wu Yadav Yamada Yamamoto Yang Yilmaz Yoon Zhang Zhao Zhou Zielinski Zimmermann Zulu
`.trim().split(/\s+/);

/** Team names, as groups in an identity provider are usually named. */
export const TEAMS: readonly string[] = [
  'Platform Engineering', 'Data Science', 'Security Operations', 'Site Reliability', 'Cloud Infrastructure',
  'Payments', 'Data Engineering', 'Machine Learning', 'Mobile', 'Web Frontend', 'Identity and Access',
  'Network Operations', 'Database Administration', 'Finance', 'FinOps', 'Customer Support', 'Analytics',
  'Quality Assurance', 'Release Engineering', 'Developer Experience', 'Incident Response', 'Compliance',
  'Internal Tools', 'Search', 'Checkout', 'Growth', 'Marketing Technology', 'Billing', 'Integrations',
  'API Platform', 'Observability', 'Storage', 'Messaging', 'Fraud Detection', 'Risk', 'Data Governance',
  'Business Intelligence', 'IT Operations', 'Solutions Architecture', 'Partner Engineering',
];

/** Added to team names when more groups are wanted than there are teams. */
export const GROUP_SUFFIXES: readonly string[] = [
  '', ' Leads', ' On-Call', ' Contractors', ' EU', ' US', ' APAC', ' Admins', ' Read Only', ' Interns',
];

/** Workload names for accounts; each gets an environment suffix (`payments-prod`). */
export const WORKLOADS: readonly string[] = [
  'payments', 'data-lake', 'checkout', 'identity', 'search', 'ml-platform', 'analytics', 'billing',
  'mobile-api', 'web-frontend', 'orders', 'inventory', 'notifications', 'recommendations', 'catalog',
  'customer-portal', 'partner-api', 'fraud-detection', 'reporting', 'ledger', 'shipping', 'pricing',
  'loyalty', 'messaging', 'media', 'streaming', 'crm', 'support-desk', 'etl', 'feature-store',
  'experimentation', 'auth', 'gateway', 'documents', 'scheduling', 'geo', 'marketplace', 'subscriptions',
  'risk-engine', 'kyc', 'warehouse', 'telemetry', 'chat', 'content', 'edge', 'batch', 'invoicing',
  'tax', 'payroll', 'hr-systems', 'intranet', 'ci-runners', 'artifact-store', 'observability', 'backup',
];

/** Environments of workload accounts, with the OU under `Workloads` that holds them. */
export const ENVIRONMENTS: readonly { suffix: string; ou: 'Production' | 'Staging' | 'Development' }[] = [
  { suffix: 'prod', ou: 'Production' },
  { suffix: 'staging', ou: 'Staging' },
  { suffix: 'dev', ou: 'Development' },
];

/** Fictitious company names; the seed picks one, and its domain is `<name>.example`. */
export const COMPANIES: readonly string[] = [
  'larkspur', 'bluefin', 'copperleaf', 'northwind', 'tidewater', 'brightforge', 'quillon', 'saltmarsh',
  'ironbark', 'silverpine', 'emberly', 'harborview', 'kestrel', 'mossgate', 'redcedar', 'stonefly',
];

/** IAM users that belong to machines rather than people. */
export const SERVICE_USERS: readonly string[] = [
  'ci-deployer', 'terraform', 'backup-agent', 'monitoring', 'github-actions', 'jenkins', 'datadog-integration',
  's3-sync', 'legacy-app', 'smtp-sender',
];
