/**
 * Places named in mail (cities, countries, US states in postal addresses) and their IANA
 * zones. Pure data plus a lookup. Only places with one zone are listed: a country that spans
 * several zones (the US, Canada, Brazil, Russia, Australia, Indonesia, Mexico) is left out,
 * because naming it does not tell the time. Names are listed as written in the six languages
 * the assistant reads; hyphens count as spaces.
 */

import { LETTERS, isCapitalised } from "../text/word-tokens.ts";

const PLACES_BY_ZONE: Record<string, string[]> = {
  "America/New_York": ["New York", "New York City", "NYC", "Manhattan", "Brooklyn", "Boston", "Philadelphia", "Washington DC", "Washington D.C.", "Atlanta", "Miami", "Orlando", "Tampa", "Charlotte", "Raleigh", "Pittsburgh", "Baltimore", "Cleveland", "Columbus", "Cincinnati", "Jersey City", "Newark", "Hartford", "Providence", "Jacksonville", "Buffalo", "Nueva York"],
  "America/Detroit": ["Detroit"],
  "America/Toronto": ["Toronto", "Ottawa", "Montreal", "Montréal", "Quebec City", "Québec", "Mississauga", "Waterloo"],
  "America/Indiana/Indianapolis": ["Indianapolis"],
  "America/Chicago": ["Chicago", "Dallas", "Houston", "Austin", "San Antonio", "Fort Worth", "DFW", "Minneapolis", "St. Louis", "Saint Louis", "Kansas City", "Milwaukee", "Nashville", "Memphis", "New Orleans", "Oklahoma City", "Omaha", "Des Moines"],
  "America/Winnipeg": ["Winnipeg"],
  "America/Denver": ["Denver", "Boulder", "Salt Lake City", "Albuquerque", "Colorado Springs"],
  "America/Boise": ["Boise"],
  "America/Edmonton": ["Calgary", "Edmonton"],
  "America/Phoenix": ["Phoenix", "Scottsdale", "Tucson", "Tempe"],
  "America/Los_Angeles": ["Los Angeles", "San Francisco", "San Jose", "San Diego", "Seattle", "Portland", "Sacramento", "Oakland", "Palo Alto", "Mountain View", "Sunnyvale", "Menlo Park", "Cupertino", "Santa Clara", "Redmond", "Bellevue", "Irvine", "Santa Ana", "Las Vegas", "Silicon Valley", "Bay Area", "Los Ángeles", "São Francisco", "San Francisco Bay Area"],
  "America/Vancouver": ["Vancouver", "Victoria BC"],
  "America/Anchorage": ["Anchorage", "Alaska"],
  "Pacific/Honolulu": ["Honolulu", "Hawaii"],
  "America/Halifax": ["Halifax", "Nova Scotia"],
  "America/St_Johns": ["St. John's", "Newfoundland"],
  "America/Regina": ["Saskatoon", "Saskatchewan"],
  "America/Puerto_Rico": ["Puerto Rico", "San Juan"],
  "America/Mexico_City": ["Mexico City", "Ciudad de México", "CDMX", "Guadalajara", "Monterrey", "Puebla"],
  "America/Cancun": ["Cancún", "Cancun"],
  "America/Tijuana": ["Tijuana"],
  "America/Guatemala": ["Guatemala"],
  "America/Costa_Rica": ["Costa Rica", "San José"],
  "America/El_Salvador": ["El Salvador", "San Salvador"],
  "America/Panama": ["Panama", "Panamá"],
  "America/Bogota": ["Bogotá", "Bogota", "Medellín", "Medellin", "Cali", "Colombia"],
  "America/Lima": ["Lima", "Peru", "Perú"],
  "America/Guayaquil": ["Quito", "Guayaquil", "Ecuador"],
  "America/Caracas": ["Caracas", "Venezuela"],
  "America/La_Paz": ["La Paz", "Bolivia"],
  "America/Santo_Domingo": ["Santo Domingo", "Dominican Republic", "República Dominicana"],
  "America/Santiago": ["Santiago de Chile", "Chile"],
  "America/Sao_Paulo": ["São Paulo", "Sao Paulo", "Rio de Janeiro", "Belo Horizonte", "Brasília", "Brasilia", "Curitiba", "Porto Alegre", "Recife", "Fortaleza", "Campinas", "Florianópolis", "Florianopolis"],
  "America/Argentina/Buenos_Aires": ["Buenos Aires", "Rosario", "Argentina"],
  "America/Montevideo": ["Montevideo", "Uruguay"],
  "America/Asuncion": ["Asunción", "Asuncion", "Paraguay"],
  "Europe/London": ["London", "Londres", "Londen", "Londra", "Manchester", "Birmingham", "Leeds", "Liverpool", "Bristol", "Edinburgh", "Glasgow", "Cardiff", "Belfast", "Oxford", "Sheffield", "Nottingham", "Newcastle", "Brighton", "United Kingdom", "UK", "U.K.", "England", "Scotland", "Wales", "Great Britain", "Royaume-Uni", "Reino Unido", "Vereinigtes Königreich", "Verenigd Koninkrijk", "Grande-Bretagne", "Großbritannien", "Engeland", "Inglaterra", "Angleterre"],
  "Europe/Dublin": ["Dublin", "Cork", "Galway", "Limerick", "Ireland", "Irland", "Irlande", "Irlanda", "Ierland"],
  "Europe/Lisbon": ["Lisbon", "Lisboa", "Lissabon", "Lisbonne", "Porto", "Oporto", "Braga", "Coimbra", "Faro", "Aveiro", "Portugal"],
  "Atlantic/Canary": ["Las Palmas", "Santa Cruz de Tenerife", "Tenerife", "Gran Canaria", "Canary Islands", "Islas Canarias", "Canarias"],
  "Atlantic/Madeira": ["Funchal", "Madeira"],
  "Atlantic/Azores": ["Ponta Delgada", "Azores", "Açores"],
  "Atlantic/Reykjavik": ["Reykjavik", "Reykjavík", "Iceland"],
  "Europe/Berlin": ["Berlin", "Hamburg", "München", "Munich", "Muenchen", "Köln", "Koeln", "Cologne", "Frankfurt", "Frankfurt am Main", "Stuttgart", "Düsseldorf", "Duesseldorf", "Dusseldorf", "Dortmund", "Leipzig", "Bremen", "Dresden", "Hannover", "Hanover", "Nürnberg", "Nuremberg", "Duisburg", "Bochum", "Wuppertal", "Bielefeld", "Bonn", "Münster", "Karlsruhe", "Mannheim", "Augsburg", "Wiesbaden", "Mainz", "Darmstadt", "Heidelberg", "Freiburg", "Kiel", "Lübeck", "Rostock", "Potsdam", "Erfurt", "Magdeburg", "Saarbrücken", "Aachen", "Braunschweig", "Kassel", "Regensburg", "Ulm", "Würzburg", "Ingolstadt", "Wolfsburg", "Offenbach", "Hessen", "Bayern", "Bavaria", "Germany", "Deutschland", "Allemagne", "Alemania", "Alemanha", "Duitsland", "Berlijn", "Munique"],
  "Europe/Paris": ["Paris", "Parijs", "París", "Lyon", "Marseille", "Toulouse", "Nantes", "Strasbourg", "Montpellier", "Bordeaux", "Lille", "Rennes", "Reims", "Grenoble", "Dijon", "Angers", "Nîmes", "Aix en Provence", "Clermont Ferrand", "Le Mans", "Amiens", "Limoges", "Metz", "Besançon", "Orléans", "Rouen", "Caen", "Sophia Antipolis", "La Défense", "Boulogne Billancourt", "Issy les Moulineaux", "Neuilly sur Seine", "Levallois Perret", "France", "Frankreich", "Francia", "França", "Frankrijk"],
  "Europe/Madrid": ["Madrid", "Barcelona", "Valencia", "Sevilla", "Seville", "Zaragoza", "Málaga", "Malaga", "Murcia", "Palma", "Palma de Mallorca", "Bilbao", "Alicante", "Valladolid", "Vigo", "Gijón", "A Coruña", "Granada", "Pamplona", "San Sebastián", "Donostia", "Santander", "Salamanca", "Spain", "España", "Espagne", "Spanien", "Espanha", "Spanje"],
  "Europe/Rome": ["Rome", "Roma", "Rom", "Milan", "Milano", "Mailand", "Milán", "Naples", "Napoli", "Turin", "Torino", "Florence", "Firenze", "Bologna", "Genoa", "Genova", "Venice", "Venezia", "Verona", "Padova", "Italy", "Italia", "Italien", "Italie", "Itália", "Italië"],
  "Europe/Amsterdam": ["Amsterdam", "Rotterdam", "Den Haag", "The Hague", "La Haye", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda", "Nijmegen", "Apeldoorn", "Haarlem", "Arnhem", "Enschede", "Amersfoort", "Zaandam", "Zwolle", "Leiden", "Maastricht", "Dordrecht", "Delft", "Hilversum", "Amstelveen", "Hoofddorp", "Schiphol", "'s Hertogenbosch", "Den Bosch", "Hertogenbosch", "Leeuwarden", "Alkmaar", "Deventer", "Netherlands", "Nederland", "Niederlande", "Pays-Bas", "Pays Bas", "Países Bajos", "Países Baixos", "Holland"],
  "Europe/Brussels": ["Brussels", "Brussel", "Bruxelles", "Brüssel", "Bruselas", "Bruxelas", "Antwerp", "Antwerpen", "Anvers", "Ghent", "Gent", "Gand", "Leuven", "Louvain", "Liège", "Luik", "Bruges", "Brugge", "Mechelen", "Namur", "Charleroi", "Hasselt", "Belgium", "België", "Belgique", "Belgien", "Bélgica"],
  "Europe/Luxembourg": ["Luxembourg", "Luxemburg", "Luxemburgo"],
  "Europe/Vienna": ["Vienna", "Wien", "Vienne", "Viena", "Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt", "Austria", "Österreich", "Autriche", "Oostenrijk", "Áustria"],
  "Europe/Zurich": ["Zurich", "Zürich", "Geneva", "Genf", "Genève", "Ginebra", "Basel", "Bâle", "Bern", "Berne", "Lausanne", "Lucerne", "Luzern", "Lugano", "Winterthur", "St. Gallen", "Switzerland", "Schweiz", "Suisse", "Suiza", "Suíça", "Zwitserland"],
  "Europe/Stockholm": ["Stockholm", "Estocolmo", "Gothenburg", "Göteborg", "Malmö", "Malmo", "Uppsala", "Linköping", "Sweden", "Sverige", "Schweden", "Suède", "Suecia", "Suécia", "Zweden"],
  "Europe/Oslo": ["Oslo", "Bergen", "Trondheim", "Stavanger", "Norway", "Norge", "Norwegen", "Norvège", "Noruega", "Noorwegen"],
  "Europe/Copenhagen": ["Copenhagen", "København", "Kopenhagen", "Copenhague", "Aarhus", "Odense", "Aalborg", "Denmark", "Danmark", "Dänemark", "Danemark", "Dinamarca", "Denemarken"],
  "Europe/Warsaw": ["Warsaw", "Warszawa", "Warschau", "Varsovie", "Varsovia", "Kraków", "Krakow", "Cracow", "Wrocław", "Wroclaw", "Poznań", "Poznan", "Gdańsk", "Gdansk", "Gdynia", "Łódź", "Lodz", "Katowice", "Szczecin", "Lublin", "Poland", "Polska", "Polen", "Pologne", "Polonia", "Polónia"],
  "Europe/Prague": ["Prague", "Praha", "Prag", "Praga", "Brno", "Ostrava", "Plzeň", "Czech Republic", "Czechia", "Tschechien", "Česko", "República Checa", "Tsjechië"],
  "Europe/Bratislava": ["Bratislava", "Košice", "Slovakia", "Slowakei", "Slovensko"],
  "Europe/Budapest": ["Budapest", "Debrecen", "Szeged", "Hungary", "Ungarn", "Magyarország", "Hongrie", "Hungría", "Hongarije"],
  "Europe/Ljubljana": ["Ljubljana", "Maribor", "Slovenia", "Slowenien"],
  "Europe/Zagreb": ["Zagreb", "Rijeka", "Croatia", "Kroatien", "Hrvatska", "Croatie", "Croacia"],
  "Europe/Belgrade": ["Belgrade", "Beograd", "Belgrad", "Novi Sad", "Serbia", "Serbien", "Srbija"],
  "Europe/Sarajevo": ["Sarajevo", "Bosnia and Herzegovina"],
  "Europe/Skopje": ["Skopje", "North Macedonia"],
  "Europe/Tirane": ["Tirana", "Tiranë", "Albania"],
  "Europe/Malta": ["Valletta", "Malta"],
  "Europe/Monaco": ["Monaco", "Monte Carlo"],
  "Europe/Helsinki": ["Helsinki", "Espoo", "Tampere", "Turku", "Oulu", "Finland", "Suomi", "Finnland", "Finlande", "Finlandia"],
  "Europe/Tallinn": ["Tallinn", "Tartu", "Estonia", "Estland", "Eesti"],
  "Europe/Riga": ["Riga", "Rīga", "Latvia", "Lettland"],
  "Europe/Vilnius": ["Vilnius", "Kaunas", "Lithuania", "Litauen"],
  "Europe/Kyiv": ["Kyiv", "Kiev", "Kiew", "Lviv", "Lemberg", "Kharkiv", "Odesa", "Odessa", "Dnipro", "Ukraine", "Ucrania", "Oekraïne"],
  "Europe/Bucharest": ["Bucharest", "București", "Bukarest", "Bucarest", "Cluj Napoca", "Cluj", "Timișoara", "Timisoara", "Iași", "Iasi", "Brașov", "Brasov", "Romania", "Rumänien", "România", "Roumanie", "Rumanía", "Roemenië"],
  "Europe/Sofia": ["Sofia", "Plovdiv", "Varna", "Bulgaria", "Bulgarien"],
  "Europe/Athens": ["Athens", "Athen", "Athènes", "Atenas", "Thessaloniki", "Greece", "Griechenland", "Grèce", "Grecia", "Grécia", "Griekenland"],
  "Asia/Nicosia": ["Nicosia", "Limassol", "Larnaca", "Cyprus", "Zypern", "Chypre", "Chipre"],
  "Europe/Chisinau": ["Chișinău", "Chisinau", "Moldova"],
  "Europe/Istanbul": ["Istanbul", "İstanbul", "Ankara", "Izmir", "İzmir", "Turkey", "Türkiye", "Türkei", "Turquie", "Turquía", "Turquia", "Turkije"],
  "Europe/Minsk": ["Minsk", "Belarus"],
  "Europe/Moscow": ["Moscow", "Moskau", "Moscou", "Moscú", "Saint Petersburg", "St. Petersburg", "Sankt Petersburg"],
  "Africa/Lagos": ["Lagos", "Abuja", "Nigeria", "Kinshasa", "Luanda", "Douala"],
  "Africa/Algiers": ["Algiers", "Alger", "Algeria"],
  "Africa/Tunis": ["Tunis", "Tunisia", "Tunisie"],
  "Africa/Casablanca": ["Casablanca", "Rabat", "Marrakech", "Marrakesh", "Tangier", "Tanger", "Morocco", "Maroc", "Marruecos", "Marokko"],
  "Africa/Accra": ["Accra", "Ghana"],
  "Africa/Abidjan": ["Abidjan", "Côte d'Ivoire", "Ivory Coast"],
  "Africa/Dakar": ["Dakar", "Senegal", "Sénégal"],
  "Africa/Johannesburg": ["Johannesburg", "Cape Town", "Kaapstad", "Le Cap", "Pretoria", "Durban", "Sandton", "South Africa", "Südafrika", "Afrique du Sud", "Sudáfrica", "Zuid-Afrika"],
  "Africa/Maputo": ["Maputo", "Mozambique", "Moçambique"],
  "Africa/Harare": ["Harare", "Zimbabwe"],
  "Africa/Lusaka": ["Lusaka", "Zambia"],
  "Africa/Kigali": ["Kigali", "Rwanda"],
  "Africa/Cairo": ["Cairo", "Kairo", "Le Caire", "El Cairo", "Egypt", "Ägypten", "Égypte", "Egipto"],
  "Africa/Nairobi": ["Nairobi", "Mombasa", "Kenya", "Kenia"],
  "Africa/Addis_Ababa": ["Addis Ababa", "Ethiopia"],
  "Africa/Kampala": ["Kampala", "Uganda"],
  "Africa/Dar_es_Salaam": ["Dar es Salaam", "Tanzania"],
  "Asia/Jerusalem": ["Tel Aviv", "Jerusalem", "Haifa", "Herzliya", "Israel"],
  "Asia/Beirut": ["Beirut", "Lebanon"],
  "Asia/Amman": ["Amman"],
  "Asia/Riyadh": ["Riyadh", "Jeddah", "Dammam", "Saudi Arabia"],
  "Asia/Kuwait": ["Kuwait"],
  "Asia/Qatar": ["Doha", "Qatar"],
  "Asia/Bahrain": ["Manama", "Bahrain"],
  "Asia/Tehran": ["Tehran", "Teheran", "Iran"],
  "Asia/Dubai": ["Dubai", "Abu Dhabi", "Sharjah", "United Arab Emirates", "UAE", "Dubái"],
  "Asia/Muscat": ["Muscat", "Oman"],
  "Asia/Baku": ["Baku", "Azerbaijan"],
  "Asia/Tbilisi": ["Tbilisi"],
  "Asia/Yerevan": ["Yerevan", "Armenia"],
  "Asia/Karachi": ["Karachi", "Lahore", "Islamabad", "Rawalpindi", "Pakistan"],
  "Asia/Tashkent": ["Tashkent", "Uzbekistan"],
  "Asia/Almaty": ["Almaty", "Astana", "Kazakhstan"],
  "Asia/Kolkata": ["Mumbai", "Bombay", "Delhi", "New Delhi", "Bangalore", "Bengaluru", "Hyderabad", "Chennai", "Madras", "Kolkata", "Calcutta", "Pune", "Ahmedabad", "Gurgaon", "Gurugram", "Noida", "Jaipur", "Kochi", "Cochin", "Coimbatore", "Chandigarh", "Indore", "Lucknow", "Nagpur", "Thiruvananthapuram", "Trivandrum", "Mysore", "Mysuru", "Vadodara", "Surat", "Bhubaneswar", "India", "Indien", "Inde"],
  "Asia/Colombo": ["Colombo", "Sri Lanka"],
  "Asia/Kathmandu": ["Kathmandu", "Nepal"],
  "Asia/Dhaka": ["Dhaka", "Chittagong", "Bangladesh"],
  "Asia/Yangon": ["Yangon", "Rangoon", "Myanmar"],
  "Asia/Bangkok": ["Bangkok", "Chiang Mai", "Phuket", "Thailand", "Thaïlande", "Tailandia"],
  "Asia/Ho_Chi_Minh": ["Ho Chi Minh City", "Ho Chi Minh", "HCMC", "Saigon", "Sài Gòn", "Hanoi", "Ha Noi", "Hà Nội", "Da Nang", "Đà Nẵng", "Hai Phong", "Can Tho", "Vietnam", "Viet Nam", "Việt Nam"],
  "Asia/Phnom_Penh": ["Phnom Penh", "Cambodia"],
  "Asia/Jakarta": ["Jakarta", "Bandung", "Surabaya", "Yogyakarta", "Semarang", "Medan"],
  "Asia/Makassar": ["Makassar", "Denpasar", "Bali", "Balikpapan", "Manado"],
  "Asia/Jayapura": ["Jayapura"],
  "Asia/Singapore": ["Singapore", "Singapur", "Singapour", "Cingapura"],
  "Asia/Kuala_Lumpur": ["Kuala Lumpur", "Penang", "Johor Bahru", "Cyberjaya", "Petaling Jaya", "Malaysia"],
  "Asia/Manila": ["Manila", "Makati", "Taguig", "Cebu", "Quezon City", "Pasig", "Philippines", "Filipinas"],
  "Asia/Shanghai": ["Shanghai", "Beijing", "Peking", "Shenzhen", "Guangzhou", "Hangzhou", "Chengdu", "Nanjing", "Wuhan", "Suzhou", "Xi'an", "Tianjin", "China", "Chine"],
  "Asia/Hong_Kong": ["Hong Kong", "Kowloon"],
  "Asia/Macau": ["Macau", "Macao"],
  "Asia/Taipei": ["Taipei", "Taichung", "Kaohsiung", "Hsinchu", "Taiwan"],
  "Asia/Tokyo": ["Tokyo", "Osaka", "Kyoto", "Yokohama", "Nagoya", "Fukuoka", "Sapporo", "Kobe", "Japan", "Japon", "Japón", "Japão"],
  "Asia/Seoul": ["Seoul", "Busan", "Incheon", "Pangyo", "South Korea", "Korea"],
  "Australia/Perth": ["Perth"],
  "Australia/Darwin": ["Darwin"],
  "Australia/Adelaide": ["Adelaide"],
  "Australia/Brisbane": ["Brisbane", "Gold Coast", "Queensland"],
  "Australia/Sydney": ["Sydney", "Canberra", "Newcastle NSW", "Wollongong", "New South Wales"],
  "Australia/Melbourne": ["Melbourne", "Geelong"],
  "Australia/Hobart": ["Hobart", "Tasmania"],
  "Pacific/Auckland": ["Auckland", "Wellington", "Christchurch", "New Zealand", "Aotearoa", "Neuseeland", "Nouvelle-Zélande", "Nueva Zelanda"],
  "Pacific/Guam": ["Guam"],
  "Pacific/Port_Moresby": ["Port Moresby", "Papua New Guinea"],
  "Pacific/Fiji": ["Suva", "Fiji"],
};

/** US states and Canadian provinces by postal code, for "Santa Ana, CA 92705"; the zone most of each uses. */
const REGION_CODES: Record<string, string> = {
  AL: "America/Chicago", AK: "America/Anchorage", AZ: "America/Phoenix", AR: "America/Chicago", CA: "America/Los_Angeles",
  CO: "America/Denver", CT: "America/New_York", DE: "America/New_York", DC: "America/New_York", FL: "America/New_York",
  GA: "America/New_York", HI: "Pacific/Honolulu", ID: "America/Boise", IL: "America/Chicago", IN: "America/Indiana/Indianapolis",
  IA: "America/Chicago", KS: "America/Chicago", KY: "America/New_York", LA: "America/Chicago", ME: "America/New_York",
  MD: "America/New_York", MA: "America/New_York", MI: "America/Detroit", MN: "America/Chicago", MS: "America/Chicago",
  MO: "America/Chicago", MT: "America/Denver", NE: "America/Chicago", NV: "America/Los_Angeles", NH: "America/New_York",
  NJ: "America/New_York", NM: "America/Denver", NY: "America/New_York", NC: "America/New_York", ND: "America/Chicago",
  OH: "America/New_York", OK: "America/Chicago", OR: "America/Los_Angeles", PA: "America/New_York", RI: "America/New_York",
  SC: "America/New_York", SD: "America/Chicago", TN: "America/Chicago", TX: "America/Chicago", UT: "America/Denver",
  VT: "America/New_York", VA: "America/New_York", WA: "America/Los_Angeles", WV: "America/New_York", WI: "America/Chicago",
  WY: "America/Denver", PR: "America/Puerto_Rico",
};
// The state code is matched before the look back at what precedes it ("Santa Ana, CA"): a search
// that starts with a look back pays for it at every character.
const US_POSTAL_RE = new RegExp(`([A-Z]{2})(?<=[${LETTERS}.)],? [A-Z]{2}) \\d{5}(?:-\\d{4})?(?!\\d)`, "g");

/** Longest place name in words; candidates longer than this are not tried. */
const MAX_PLACE_WORDS = 5;

interface PlaceIndex {
  /** Normalized name -> zone. */
  zones: Map<string, string>;
  /** The first word of every name ("New", "Frankfurt", "UK"). */
  firstWords: Set<string>;
  /**
   * Every beginning of a name's first word ("N", "Ne", "New", "B", "Be", ...), for a word written
   * before a dot: dots are dropped before the lookup, so "D.C." is read as "DC" and "U" of "U.K."
   * begins "UK".
   */
  firstWordStarts: Set<string>;
}

let placeIndex: PlaceIndex | null = null;

/** Hyphens count as spaces and dots are dropped, so "Aix-en-Provence", "Washington D.C." and "St Louis" match their listed forms. */
function normalizePlace(name: string): string {
  return name.replace(/[-‐‑]/g, " ").replace(/’/g, "'").replace(/\./g, "").replace(/\s+/g, " ").trim();
}

const FIRST_WORD_RE = new RegExp(`[${LETTERS}]+`);

function getPlaceIndex(): PlaceIndex {
  if (placeIndex) return placeIndex;
  const zones = new Map<string, string>();
  const firstWords = new Set<string>();
  const firstWordStarts = new Set<string>();
  for (const [zone, names] of Object.entries(PLACES_BY_ZONE)) {
    for (const name of names) {
      const key = SPAN_NEEDS_NORMALIZING_RE.test(name) ? normalizePlace(name) : name;
      zones.set(key, zone);
      const firstWord = FIRST_WORD_RE.exec(key)?.[0] ?? "";
      firstWords.add(firstWord);
      for (let k = 1; k <= firstWord.length; k++) firstWordStarts.add(firstWord.slice(0, k));
    }
  }
  placeIndex = { zones, firstWords, firstWordStarts };
  return placeIndex;
}

export interface PlaceMatch {
  zone: string;
  index: number;
  end: number;
}

/**
 * The first word of a place name: a word whose first letter may be a capital (checked with
 * `isCapitalised`), or the "s" of "'s-Hertogenbosch". One search finds them, rather than a look at
 * every word of the mail, most of which are lower case; the letter is matched before the look back
 * at the character ahead of it, so the search skips quickly over everything else.
 */
const PLACE_START_RE = new RegExp(`[A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE\\u0100-\\u024F\\u1E00-\\u1EFF](?<![${LETTERS}].)[${LETTERS}]*|s(?<=['’]s)(?![${LETTERS}])`, "g");
/**
 * The next word of a place name, read right after the word before: joined by nothing but spaces,
 * hyphens, apostrophes and abbreviation dots ("St. Louis", "'s-Hertogenbosch"), and not a number.
 */
const NEXT_PLACE_WORD_RE = new RegExp(`[ \\t\\-'’.‐‑]*([${LETTERS}]+)`, "y");
/** Small words inside place names: "Frankfurt am Main", "Rio de Janeiro", "Issy-les-Moulineaux", "Dar es Salaam". */
const PLACE_CONNECTORS = new Set(["am", "an", "im", "de", "del", "da", "do", "dos", "das", "la", "le", "les", "sur", "en", "es", "of", "upon", "s"]);
const SPAN_NEEDS_NORMALIZING_RE = /[-‐‑’.\t]|\s\s/;

// The last answer is kept: several readers ask about one text in a row. A place never spans a
// line break, and a line is read as a text on its own would be, so the places of a text's last
// lines ("Subject\nBody", then "Body") are those of the whole, shifted.
let lastText: string | null = null;
let lastPlaces: PlaceMatch[] = [];

/**
 * Every known place named in the text, in order. A place must be written with its capital
 * letter (so "nice weather" is not Nice), and the longest name at a position wins
 * ("Frankfurt am Main" over "Frankfurt", "New York City" over "New York").
 */
export function findPlaces(text: string): PlaceMatch[] {
  if (text === lastText) return lastPlaces;
  const last = lastText;
  const tailStart = last === null ? 0 : last.length - text.length;
  const isLastLines = last !== null && tailStart > 0 && last.charCodeAt(tailStart - 1) === 10 && last.endsWith(text);
  const found = isLastLines ? placesAfter(lastPlaces, tailStart) : scanPlaces(text);
  lastText = text;
  lastPlaces = found;
  return found;
}

/** The places from `offset` on, at offsets counted from there. */
function placesAfter(places: PlaceMatch[], offset: number): PlaceMatch[] {
  const after: PlaceMatch[] = [];
  for (const place of places) if (place.index >= offset) after.push({ zone: place.zone, index: place.index - offset, end: place.end - offset });
  return after;
}

function scanPlaces(text: string): PlaceMatch[] {
  const { zones, firstWords, firstWordStarts } = getPlaceIndex();
  const found: PlaceMatch[] = [];
  PLACE_START_RE.lastIndex = 0;
  for (let m = PLACE_START_RE.exec(text); m; m = PLACE_START_RE.exec(text)) {
    // The name's first word, unless a dot follows that the lookup drops ("U.K." is read as "UK").
    if (!firstWords.has(m[0]) && !(text.charAt(m.index + m[0].length) === "." && firstWordStarts.has(m[0]))) continue;
    // "'s-Hertogenbosch" starts with a lower-case "'s".
    const start = m[0] === "s" ? m.index - 1 : m.index;
    if (start === m.index && !isCapitalised(m[0])) continue;
    const wordEnds = [m.index + m[0].length];
    while (wordEnds.length < MAX_PLACE_WORDS) {
      NEXT_PLACE_WORD_RE.lastIndex = wordEnds[wordEnds.length - 1] as number;
      const next = NEXT_PLACE_WORD_RE.exec(text);
      const word = next?.[1];
      if (!next || !word || !(isCapitalised(word) || PLACE_CONNECTORS.has(word))) break;
      wordEnds.push(next.index + next[0].length);
    }
    for (let n = wordEnds.length; n >= 1; n--) {
      const end = wordEnds[n - 1] as number;
      const span = text.slice(start, end);
      const zone = zones.get(SPAN_NEEDS_NORMALIZING_RE.test(span) ? normalizePlace(span) : span);
      if (zone) {
        found.push({ zone, index: start, end });
        // The words of a place start no other.
        PLACE_START_RE.lastIndex = end;
        break;
      }
    }
  }
  US_POSTAL_RE.lastIndex = 0;
  for (let m = US_POSTAL_RE.exec(text); m; m = US_POSTAL_RE.exec(text)) {
    const zone = m[1] ? REGION_CODES[m[1]] : undefined;
    if (zone) found.push({ zone, index: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The zone of a single place name ("Lisboa", "New York"), or null. */
export function lookUpPlace(name: string): string | null {
  const { zones, firstWordStarts } = getPlaceIndex();
  // Most names asked about ("Please find a" before "time") begin no place: passed over before normalizing.
  const firstWord = FIRST_WORD_RE.exec(name)?.[0];
  if (firstWord === undefined || !firstWordStarts.has(firstWord)) return null;
  return zones.get(normalizePlace(name)) ?? null;
}
