package deck

import (
	"testing"

	"github.com/cardgen/cardgen/data"
)

// oldCountryNames is the hand-written table that CLDR replaced: every
// name in it still gives its code.
var oldCountryNames = map[string][]string{
	"AF": {"Afghanistan"},
	"ZA": {"Afrique du Sud", "South Africa"},
	"AL": {"Albanie", "Albania"},
	"DZ": {"Algérie", "Algeria"},
	"DE": {"Allemagne", "Germany"},
	"AO": {"Angola"},
	"SA": {"Arabie saoudite", "Saudi Arabia"},
	"AR": {"Argentine", "Argentina"},
	"AM": {"Arménie", "Armenia"},
	"AU": {"Australie", "Australia"},
	"AT": {"Autriche", "Austria"},
	"AZ": {"Azerbaïdjan", "Azerbaijan"},
	"BD": {"Bangladesh"},
	"BE": {"Belgique", "Belgium"},
	"BJ": {"Bénin", "Benin"},
	"BO": {"Bolivie", "Bolivia"},
	"BA": {"Bosnie-Herzégovine", "Bosnia and Herzegovina"},
	"BW": {"Botswana"},
	"BR": {"Brésil", "Brazil"},
	"BG": {"Bulgarie", "Bulgaria"},
	"BF": {"Burkina Faso"},
	"BI": {"Burundi"},
	"KH": {"Cambodge", "Cambodia"},
	"CM": {"Cameroun", "Cameroon"},
	"CA": {"Canada"},
	"CL": {"Chili", "Chile"},
	"CN": {"Chine", "China"},
	"CY": {"Chypre", "Cyprus"},
	"CO": {"Colombie", "Colombia"},
	"CG": {"République du Congo", "Congo-Brazzaville", "Republic of the Congo"},
	"CD": {"République démocratique du Congo", "RDC", "RD Congo", "Congo-Kinshasa", "Democratic Republic of the Congo", "DR Congo", "DRC"},
	"KR": {"Corée", "Corée du Sud", "Korea", "South Korea"},
	"KP": {"Corée du Nord", "North Korea"},
	"CR": {"Costa Rica"},
	"CI": {"Côte d'Ivoire", "Ivory Coast"},
	"HR": {"Croatie", "Croatia"},
	"CU": {"Cuba"},
	"DK": {"Danemark", "Denmark"},
	"DJ": {"Djibouti"},
	"EG": {"Égypte", "Egypt"},
	"AE": {"Émirats arabes unis", "United Arab Emirates"},
	"EC": {"Équateur", "Ecuador"},
	"ES": {"Espagne", "Spain"},
	"EE": {"Estonie", "Estonia"},
	"US": {"États-Unis", "États-Unis d'Amérique", "USA", "United States", "United States of America"},
	"ET": {"Éthiopie", "Ethiopia"},
	"FI": {"Finlande", "Finland"},
	"FR": {"France"},
	"GA": {"Gabon"},
	"GH": {"Ghana"},
	"GR": {"Grèce", "Greece"},
	"GT": {"Guatemala"},
	"GN": {"Guinée-Conakry", "Republic of Guinea"},
	"GQ": {"Guinée équatoriale", "Equatorial Guinea"},
	"GW": {"Guinée-Bissau", "Guinea-Bissau"},
	"HT": {"Haïti", "Haiti"},
	"HN": {"Honduras"},
	"HU": {"Hongrie", "Hungary"},
	"IN": {"Inde", "India"},
	"ID": {"Indonésie", "Indonesia"},
	"IQ": {"Irak", "Iraq"},
	"IR": {"Iran"},
	"IE": {"Irlande", "Ireland"},
	"IS": {"Islande", "Iceland"},
	"IL": {"Israël", "Israel"},
	"IT": {"Italie", "Italy"},
	"JM": {"Jamaïque", "Jamaica"},
	"JP": {"Japon", "Japan"},
	"JO": {"Jordanie", "Jordan"},
	"KZ": {"Kazakhstan"},
	"KE": {"Kenya"},
	"LB": {"Liban", "Lebanon"},
	"LR": {"Liberia", "Libéria"},
	"LY": {"Libye", "Libya"},
	"LT": {"Lituanie", "Lithuania"},
	"LU": {"Luxembourg"},
	"MG": {"Madagascar"},
	"MY": {"Malaisie", "Malaysia"},
	"MW": {"Malawi"},
	"ML": {"Mali"},
	"MA": {"Maroc", "Morocco"},
	"MU": {"Maurice", "Île Maurice", "Mauritius"},
	"MR": {"Mauritanie", "Mauritania"},
	"MX": {"Mexique", "Mexico"},
	"MZ": {"Mozambique"},
	"MM": {"Myanmar", "Birmanie", "Burma"},
	"NA": {"Namibie", "Namibia"},
	"NP": {"Népal", "Nepal"},
	"NE": {"Niger"},
	"NG": {"Nigeria", "Nigéria"},
	"NO": {"Norvège", "Norway"},
	"NZ": {"Nouvelle-Zélande", "New Zealand"},
	"UG": {"Ouganda", "Uganda"},
	"PK": {"Pakistan"},
	"PS": {"Palestine"},
	"PA": {"Panama"},
	"PY": {"Paraguay"},
	"NL": {"Pays-Bas", "Hollande", "Netherlands", "The Netherlands", "Holland"},
	"PE": {"Pérou", "Peru"},
	"PH": {"Philippines"},
	"PL": {"Pologne", "Poland"},
	"PT": {"Portugal"},
	"QA": {"Qatar"},
	"RO": {"Roumanie", "Romania"},
	"GB": {"Royaume-Uni", "Grande-Bretagne", "Angleterre", "United Kingdom", "UK", "Great Britain", "Britain", "England"},
	"RU": {"Russie", "Russia"},
	"RW": {"Rwanda"},
	"SN": {"Sénégal", "Senegal"},
	"RS": {"Serbie", "Serbia"},
	"SL": {"Sierra Leone"},
	"SG": {"Singapour", "Singapore"},
	"SK": {"Slovaquie", "Slovakia"},
	"SI": {"Slovénie", "Slovenia"},
	"SO": {"Somalie", "Somalia"},
	"SD": {"Soudan", "Sudan"},
	"LK": {"Sri Lanka"},
	"SE": {"Suède", "Sweden"},
	"CH": {"Suisse", "Switzerland"},
	"SY": {"Syrie", "Syria"},
	"TW": {"Taïwan", "Taiwan"},
	"TZ": {"Tanzanie", "Tanzania"},
	"TD": {"Tchad", "Chad"},
	"CZ": {"Tchéquie", "République tchèque", "Czechia", "Czech Republic"},
	"TH": {"Thaïlande", "Thailand"},
	"TG": {"Togo"},
	"TN": {"Tunisie", "Tunisia"},
	"TR": {"Turquie", "Turkey", "Türkiye"},
	"UA": {"Ukraine"},
	"UY": {"Uruguay"},
	"VE": {"Venezuela", "Vénézuela"},
	"VN": {"Viêt Nam", "Vietnam", "Viet Nam"},
	"YE": {"Yémen", "Yemen"},
	"ZM": {"Zambie", "Zambia"},
	"ZW": {"Zimbabwe"},
}

func TestCountryCodeFromCLDR(t *testing.T) {
	t.Parallel()
	for code, names := range oldCountryNames {
		for _, n := range names {
			if got := CountryCode(n); got != code {
				t.Errorf("CountryCode(%q) = %q, want %q", n, got, code)
			}
		}
	}
	// Names only CLDR knows, in both languages; and names that stay unknown.
	for name, code := range map[string]string{"Kirghizistan": "KG", "Kyrgyzstan": "KG", "Myanmar": "MM", "Birmanie": "MM", "Burma": "MM",
		"Congo-Kinshasa": "CD", "Congo - Kinshasa": "CD", "Islande": "IS", "Côte d’Ivoire": "CI", "la France": "FR", "Congo": "", "Atlantide": ""} {
		if got := CountryCode(name); got != code {
			t.Errorf("CountryCode(%q) = %q, want %q", name, got, code)
		}
	}
	// The default decks' country names, as printed, give their codes.
	for _, name := range []string{data.Default, "personas.en.yaml"} {
		d, err := LoadFS(data.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range d.Personas {
			if got := CountryCode(p.Country); got != p.CountryCode {
				t.Errorf("%s: %s: CountryCode(%q) = %q, want %q", name, p.ID, p.Country, got, p.CountryCode)
			}
		}
	}
}
