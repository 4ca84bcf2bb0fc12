// cardgen's page. Plain JavaScript, no library, no build step; it talks to
// the API of `cardgen serve` on the same address (see the README).
//
// The page keeps a working copy of the deck (cardgen's JSON dataset format)
// and the pictures the teacher gave; every request sends them, and the
// server keeps nothing between requests.
"use strict";

// ---- words, in French and English

const WORDS = {
  fr: {
    skip: "Aller aux cartes",
    title: "Fabriquer un jeu de cartes",
    tagline: "Vos fichiers restent sur cet ordinateur : rien n’est envoyé sur Internet.",
    "source.title": "Vos cartes",
    "drop.text": "Pour travailler sur vos propres cartes, déposez ici votre fichier (un tableur : Excel .xlsx, LibreOffice .ods ou CSV ; ou YAML, JSON, Markdown) avec ses images : plusieurs fichiers à la fois, le dossier entier, ou un .zip du dossier.",
    "drop.choose": "Ou choisir les fichiers…",
    "drop.reset": "Revenir au jeu fourni avec cardgen",
    deckLang: "Langue des cartes",
    "problems.intro": "Chaque problème dit où il se trouve dans votre fichier. Corrigez-le dans votre fichier, ou avec le bouton « Modifier » de la carte.",
    "problems.title": (n) => n === 1 ? "1 problème à corriger" : `${n} problèmes à corriger`,
    "problems.unreadable": "Le fichier n’a pas pu être lu. Corrigez ces problèmes dans votre fichier, puis déposez-le à nouveau.",
    "cards.title": "Choisir les cartes à imprimer",
    "cards.all": "Toutes",
    "cards.none": "Aucune",
    "cards.byCategory": "Seulement la catégorie",
    "cards.pickCategory": "Choisir",
    "cards.loading": "Préparation des aperçus…",
    "cards.count": (n, total) => `${n} carte${n > 1 ? "s" : ""} choisie${n > 1 ? "s" : ""} sur ${total}`,
    "card.print": "imprimer",
    "card.edit": "Modifier",
    "card.front": "recto",
    "card.back": "verso",
    "card.cannot": "Cette carte ne peut pas être dessinée : voir le problème.",
    "card.problems": (n) => n === 1 ? "1 problème" : `${n} problèmes`,
    "card.copies": (n) => `${n} exemplaires`,
    "print.title": "Comment imprimer",
    "print.layout": "Mise en page",
    "print.duplex": "Recto verso",
    "print.notApplicable": "Sans objet pour cette mise en page.",
    "print.long": "Retourner sur le bord long (le plus courant)",
    "print.short": "Retourner sur le bord court",
    "print.none": "Pas de recto verso : imprimer les rectos, remettre la pile, puis les versos",
    "print.offset": "Décalage du verso, en millimètres",
    "print.offsetHelp": "Laissez 0 et 0, sauf si la feuille de calibrage a mesuré un décalage : tapez alors ici ses X et Y (par exemple 1,5 et -0,5).",
    "offset.none": "Les versos ne seront pas décalés.",
    "offset.shift": (parts) => `Les versos seront décalés ${parts}.`,
    "offset.shifted": (parts) => `Versos décalés ${parts}.`,
    "offset.x": (v) => v > 0 ? `de ${mm(v)} mm vers la droite` : `de ${mm(-v)} mm vers la gauche`,
    "offset.y": (v) => v > 0 ? `de ${mm(v)} mm vers le bas` : `de ${mm(-v)} mm vers le haut`,
    "offset.and": " et ",
    "offset.large": "C’est plus que le décalage habituel d’une imprimante (moins de 3 mm) : vérifiez ce chiffre sur la feuille de calibrage.",
    "offset.bad": (s) => `« ${s} » n’est pas un nombre de millimètres : écrivez par exemple 1,5 ou -0,5.`,
    "offset.range": (s) => `${s} mm, c’est trop : un décalage va de -20 à 20 mm.`,
    "offset.fix": "Corrigez d’abord le décalage du verso (partie 3).",
    "print.offsetX": "Vers la droite (X)",
    "print.offsetY": "Vers le bas (Y)",
    "print.ink": "Encre",
    "print.inkSaver": "Économiser l’encre : cartes blanches, couleur seulement en fines bandes (bien pour une imprimante noir et blanc)",
    "kind.duplex": "Imprimante recto verso (école, maison)",
    "kind.fold": "Imprimante sans recto verso : on plie et on colle",
    "kind.print-shop": "Pour un imprimeur professionnel : une face par page",
    "layout.label": (l) => l.kind === "print-shop"
      ? `Imprimeur : cartes ${cardSize(l)} (${mm(l.card_width)} × ${mm(l.card_height)} mm)`
      : `${paperName(l.paper)}${l.kind === "fold" ? " à plier" : ""}, ${l.per_sheet} cartes ${cardSize(l)} par feuille`,
    "layout.facts": (l) => l.kind === "print-shop"
      ? `${t("kind." + l.kind)} · avec 3 mm de fond perdu`
      : `${t("kind." + l.kind)} · cartes de ${mm(l.card_width)} × ${mm(l.card_height)} mm`,
    "size.tarot": "de tarot",
    "size.poker": "de poker",
    "size.other": (l) => `de ${mm(l.card_width)} × ${mm(l.card_height)} mm`,
    "foot.devBuild": "(version de développement)",
    "how.long": "Imprimez en recto verso, « retourner sur les bords longs », à taille réelle (100 %), jamais « ajuster à la page ». Puis coupez le long des traits de coupe.",
    "how.short": "Imprimez en recto verso, « retourner sur les bords courts », à taille réelle (100 %), jamais « ajuster à la page ». Puis coupez le long des traits de coupe.",
    "how.none": "Imprimez d’abord les pages de recto (la première moitié du PDF) sur une seule face, à taille réelle (100 %). Remettez la pile dans le bac pour que chaque feuille se retourne sur son bord long, puis imprimez les pages de verso (la seconde moitié).",
    "how.fold": "Imprimez sur une seule face, à taille réelle (100 %). Découpez chaque paire recto-verso, pliez-la le long du trait gris en pointillés, collez, puis coupez le long des traits de coupe.",
    "how.print-shop": "Envoyez le PDF à l’imprimeur : une face par page (recto puis verso de chaque carte), 3 mm de fond perdu compris.",
    "download.title": "Télécharger",
    "download.pdf": "Télécharger le PDF des cartes",
    "download.guide": "Fiche de l’animateur (PDF)",
    "download.calibrate": "Feuille de calibrage (PDF)",
    "download.images": "Images des cartes (PNG, dans un .zip)",
    "download.dataFormat": "Vos données, au format",
    "download.data": "Télécharger les données",
    "download.dataHelp": "Gardez ce fichier : il contient vos corrections. Vous pourrez le redéposer ici, ou l’ouvrir dans votre tableur.",
    "download.working": "Préparation…",
    "download.done": (name) => `Téléchargé : ${name}`,
    "download.noCard": "Choisissez au moins une carte.",
    "download.problems": "Le PDF n’a pas été fait : corrigez d’abord les problèmes listés en haut de la page.",
    "download.dataLeft": (n) => n === 1 ? "Il reste 1 problème à corriger : voir la liste en haut de la page." : `Il reste ${n} problèmes à corriger : voir la liste en haut de la page.`,
    "download.dataColumns": (cols) => `Ce fichier n’a pas le contenu des colonnes inconnues (${cols}) : corrigez leur en-tête dans votre fichier d’origine, ou recopiez ce qu’elles contenaient.`,
    "restored": (name, when) => `Vos modifications ${name ? "de " + name : "du jeu fourni avec cardgen"} (${when}) ont été reprises : ce navigateur les avait gardées.`,
    "restored.discard": "Abandonner ces modifications",
    "restored.noPictures": "Ses images n’ont pas pu être gardées : déposez à nouveau vos fichiers pour les revoir.",
    "format.csv": "CSV (tableur : Excel, LibreOffice)",
    "format.yaml": "YAML",
    "format.json": "JSON",
    "format.md": "Markdown (texte)",
    "format.xlsx": "Excel (.xlsx)",
    "format.ods": "LibreOffice (.ods)",
    "edit.title": (name) => `Modifier la carte « ${name} »`,
    "edit.done": "Terminé",
    "edit.help": "Les aperçus se mettent à jour pendant que vous tapez. Ce navigateur garde vos modifications ; téléchargez vos données pour les garder dans un fichier.",
    "edit.ok": "Cette carte n’a plus de problème.",
    "field.name": "Nom",
    "field.role": "Métier",
    "field.country": "Pays",
    "field.country_code": "Code du pays (2 lettres)",
    "field.category": "Catégorie",
    "field.text": "Texte (à la première personne)",
    "field.conditionsOnePerLine": "Conditions de travail, une par ligne",
    "field.conditions": "Conditions de travail",
    "field.condition": (n) => `Condition de travail n° ${n}`,
    "field.impact": "Impact (facultatif)",
    "field.copies": "Nombre d’exemplaires à imprimer",
    "field.image": "Image",
    "field.id": "Identifiant",
    "field.idForm": "Identifiant (lettres minuscules, chiffres et tirets)",
    "field.title": "Titre du jeu",
    "field.label": "Nom de la catégorie",
    "field.tags": "Étiquettes",
    "field.language": "Langue",
    "field.author": "Auteur",
    "field.color": "Couleur de la catégorie",
    "field.deck": "Titre du jeu",
    "where.cell": (c) => `cellule ${c}`,
    "where.line": (l) => `ligne ${l}`,
    "where.row": (r) => `ligne ${r} du tableau`,
    "where.file": (f) => `dans ${f}`,
    "problem.hint": "À faire :",
    "problem.emoji": "émoji",
    "problem.show": "Voir la carte",
    "status.builtin": (title, n) => `Le jeu fourni avec cardgen : « ${title} », ${n} cartes.`,
    "status.file": (name, n) => `Votre fichier ${name} : ${n} carte${n > 1 ? "s" : ""}.`,
    "status.edited": " Modifié dans cette page.",
    "status.edition": (lang, file) => ` Édition : ${lang.toLocaleLowerCase("fr")} (${file}).`,
    "status.reading": (name) => `Lecture de ${name}…`,
    "err.tooBig": (l) => `C’est trop volumineux : un fichier de données peut faire ${mb(l.dataset_bytes)} Mo, une image ${mb(l.picture_bytes)} Mo, et tout ce qui est envoyé à la fois ${mb(l.request_bytes)} Mo (${l.files} fichiers au plus).`,
    "err.unavailable": "cardgen est occupé, ou la demande a pris trop de temps et a été arrêtée. Réessayez dans un instant, avec moins de cartes ou des images plus petites.",
    "err.slow": "Les fichiers ont mis trop de temps à arriver. Envoyez-les à nouveau, ou envoyez des images moins nombreuses ou plus petites.",
    "err.refused": "cardgen a refusé la demande :",
    "err.problems": (n) => n === 1 ? "Le jeu a un problème : voir la liste en haut de la page." : `Le jeu a ${n} problèmes : voir la liste en haut de la page.`,
    "err.busy": "cardgen est occupé ; nouvel essai dans un instant…",
    "err.network": "cardgen ne répond pas. Est-il toujours lancé ? Relancez-le, puis rechargez la page.",
    "err.noDataset": "Aucun fichier de données parmi les fichiers déposés (tableur .xlsx, .ods ou CSV, ou YAML, JSON, Markdown).",
    "err.severalDatasets": (names) => `Plusieurs fichiers de données (${names}) : déposez-en un seul à la fois.`,
    "confirm.lose": "Vos modifications des cartes seront perdues. Continuer ?",
    "foot.private": "cardgen fonctionne sur cet ordinateur ; vos fichiers n’en sortent pas.",
    "lang.fr": "français",
    "lang.en": "anglais",
  },
  en: {
    skip: "Skip to the cards",
    title: "Make a deck of cards",
    tagline: "Your files stay on this computer: nothing is sent over the Internet.",
    "source.title": "Your cards",
    "drop.text": "To work on your own cards, drop your file here (a spreadsheet: Excel .xlsx, LibreOffice .ods or CSV; or YAML, JSON, Markdown) with its pictures: several files at once, the whole folder, or a .zip of the folder.",
    "drop.choose": "Or choose the files…",
    "drop.reset": "Back to the deck that comes with cardgen",
    deckLang: "Language of the cards",
    "problems.intro": "Each problem says where it is in your file. Fix it in your file, or with the card's “Edit” button.",
    "problems.title": (n) => n === 1 ? "1 problem to fix" : `${n} problems to fix`,
    "problems.unreadable": "The file could not be read. Fix these problems in your file, then drop it here again.",
    "cards.title": "Choose the cards to print",
    "cards.all": "All",
    "cards.none": "None",
    "cards.byCategory": "Only the category",
    "cards.pickCategory": "Choose",
    "cards.loading": "Preparing the previews…",
    "cards.count": (n, total) => `${n} of ${total} card${total > 1 ? "s" : ""} chosen`,
    "card.print": "print",
    "card.edit": "Edit",
    "card.front": "front",
    "card.back": "back",
    "card.cannot": "This card cannot be drawn: see its problem.",
    "card.problems": (n) => n === 1 ? "1 problem" : `${n} problems`,
    "card.copies": (n) => `${n} copies`,
    "print.title": "How to print",
    "print.layout": "Layout",
    "print.duplex": "Double-sided",
    "print.notApplicable": "Does not apply to this layout.",
    "print.long": "Flip on the long edge (the usual setting)",
    "print.short": "Flip on the short edge",
    "print.none": "No double-sided printing: print the fronts, put the stack back, then the backs",
    "print.offset": "Move the backs, in millimetres",
    "print.offsetHelp": "Leave 0 and 0 unless the calibration sheet measured an offset: then type its X and Y here (such as 1.5 and -0.5).",
    "offset.none": "The backs will not be moved.",
    "offset.shift": (parts) => `The backs will be moved ${parts}.`,
    "offset.shifted": (parts) => `Backs moved ${parts}.`,
    "offset.x": (v) => v > 0 ? `${mm(v)} mm to the right` : `${mm(-v)} mm to the left`,
    "offset.y": (v) => v > 0 ? `${mm(v)} mm down` : `${mm(-v)} mm up`,
    "offset.and": " and ",
    "offset.large": "That is more than printers usually shift (under 3 mm): check the figure on the calibration sheet.",
    "offset.bad": (s) => `“${s}” is not a number of millimetres: write, for example, 1.5 or -0.5.`,
    "offset.range": (s) => `${s} mm is too much: an offset is between -20 and 20 mm.`,
    "offset.fix": "First fix the back offset (part 3).",
    "print.offsetX": "To the right (X)",
    "print.offsetY": "Down (Y)",
    "print.ink": "Ink",
    "print.inkSaver": "Save ink: white cards, colour only in thin bands (good for a black-and-white printer)",
    "kind.duplex": "Double-sided printer (school, home)",
    "kind.fold": "Printer without double-sided printing: fold and glue",
    "kind.print-shop": "For a print shop: one face per page",
    "layout.label": (l) => l.kind === "print-shop"
      ? `Print shop: ${cardSize(l)} cards (${mm(l.card_width)} × ${mm(l.card_height)} mm)`
      : `${paperName(l.paper)}${l.kind === "fold" ? " to fold" : ""}, ${l.per_sheet} ${cardSize(l)} cards a sheet`,
    "layout.facts": (l) => l.kind === "print-shop"
      ? `${t("kind." + l.kind)} · with 3 mm bleed`
      : `${t("kind." + l.kind)} · cards of ${mm(l.card_width)} × ${mm(l.card_height)} mm`,
    "size.tarot": "tarot",
    "size.poker": "poker",
    "size.other": (l) => `${mm(l.card_width)} × ${mm(l.card_height)} mm`,
    "foot.devBuild": "(development build)",
    "how.long": "Print double-sided, “flip on long edge”, at actual size (100 %), never “fit to page”. Then cut along the crop marks.",
    "how.short": "Print double-sided, “flip on short edge”, at actual size (100 %), never “fit to page”. Then cut along the crop marks.",
    "how.none": "First print the front pages (the first half of the PDF) single-sided, at actual size (100 %). Put the stack back in the tray so that each sheet turns on its long edge, then print the back pages (the second half).",
    "how.fold": "Print single-sided, at actual size (100 %). Cut out each front-and-back pair, fold it along the dashed grey line, glue, then cut along the crop marks.",
    "how.print-shop": "Send the PDF to the print shop: one face per page (each card's front, then its back), 3 mm bleed included.",
    "download.title": "Download",
    "download.pdf": "Download the PDF of the cards",
    "download.guide": "Facilitator's sheet (PDF)",
    "download.calibrate": "Calibration sheet (PDF)",
    "download.images": "Pictures of the cards (PNG, in a .zip)",
    "download.dataFormat": "Your data, as",
    "download.data": "Download the data",
    "download.dataHelp": "Keep this file: it holds your fixes. You can drop it here again, or open it in your spreadsheet.",
    "download.working": "Preparing…",
    "download.done": (name) => `Downloaded: ${name}`,
    "download.noCard": "Choose at least one card.",
    "download.problems": "The PDF was not made: first fix the problems listed at the top of the page.",
    "download.dataLeft": (n) => n === 1 ? "1 problem is left to fix: see the list at the top of the page." : `${n} problems are left to fix: see the list at the top of the page.`,
    "download.dataColumns": (cols) => `This file lacks what the unknown columns held (${cols}): fix their heading in your original file, or copy what they held.`,
    "restored": (name, when) => `Your changes to ${name || "the deck that comes with cardgen"} (${when}) are back: this browser kept them.`,
    "restored.discard": "Discard these changes",
    "restored.noPictures": "Its pictures could not be kept: drop your files again to see them.",
    "format.csv": "CSV (spreadsheet: Excel, LibreOffice)",
    "format.yaml": "YAML",
    "format.json": "JSON",
    "format.md": "Markdown (text)",
    "format.xlsx": "Excel (.xlsx)",
    "format.ods": "LibreOffice (.ods)",
    "edit.title": (name) => `Edit the card “${name}”`,
    "edit.done": "Done",
    "edit.help": "The previews change as you type. This browser keeps your changes; download your data to keep them in a file.",
    "edit.ok": "This card has no problem any more.",
    "field.name": "Name",
    "field.role": "Role",
    "field.country": "Country",
    "field.country_code": "Country code (2 letters)",
    "field.category": "Category",
    "field.text": "Text (in the first person)",
    "field.conditionsOnePerLine": "Working conditions, one per line",
    "field.conditions": "Working conditions",
    "field.condition": (n) => `Working condition ${n}`,
    "field.impact": "Impact (optional)",
    "field.copies": "Number of copies to print",
    "field.image": "Picture",
    "field.id": "Id",
    "field.idForm": "Id (lowercase letters, digits and hyphens)",
    "field.title": "Title of the deck",
    "field.label": "Name of the category",
    "field.tags": "Tags",
    "field.language": "Language",
    "field.author": "Author",
    "field.color": "Colour of the category",
    "field.deck": "Title of the deck",
    "where.cell": (c) => `cell ${c}`,
    "where.line": (l) => `line ${l}`,
    "where.row": (r) => `row ${r} of the table`,
    "where.file": (f) => `in ${f}`,
    "problem.hint": "To do:",
    "problem.emoji": "emoji",
    "problem.show": "Show the card",
    "status.builtin": (title, n) => `The deck that comes with cardgen: “${title}”, ${n} cards.`,
    "status.file": (name, n) => `Your file ${name}: ${n} card${n > 1 ? "s" : ""}.`,
    "status.edited": " Edited in this page.",
    "status.edition": (lang, file) => ` ${lang} edition (${file}).`,
    "status.reading": (name) => `Reading ${name}…`,
    "err.tooBig": (l) => `This is too large: a dataset file may be ${mb(l.dataset_bytes)} MB, a picture ${mb(l.picture_bytes)} MB, and everything sent at once ${mb(l.request_bytes)} MB (${l.files} files at most).`,
    "err.unavailable": "cardgen is busy, or the request took too long and was stopped. Try again in a moment, with fewer cards or smaller pictures.",
    "err.slow": "The files took too long to arrive. Send them again, or send fewer or smaller pictures.",
    "err.refused": "cardgen refused the request:",
    "err.problems": (n) => n === 1 ? "The deck has a problem: see the list at the top of the page." : `The deck has ${n} problems: see the list at the top of the page.`,
    "err.busy": "cardgen is busy; trying again in a moment…",
    "err.network": "cardgen does not answer. Is it still running? Start it again, then reload the page.",
    "err.noDataset": "None of the files dropped is a dataset (a spreadsheet .xlsx, .ods or CSV, or YAML, JSON, Markdown).",
    "err.severalDatasets": (names) => `Several dataset files (${names}): drop one at a time.`,
    "confirm.lose": "Your changes to the cards will be lost. Go on?",
    "foot.private": "cardgen runs on this computer; your files never leave it.",
    "lang.fr": "French",
    "lang.en": "English",
  },
};

const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("aria-") || k.startsWith("data-") || k === "role" || k === "for" || k === "lang") e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
};

let ui = "fr"; // the page's language
function t(key, ...args) {
  const w = WORDS[ui][key] ?? WORDS.fr[key] ?? key;
  const s = typeof w === "function" ? w(...args) : w;
  return ui === "fr" && typeof s === "string" ? frenchTypography(s) : s;
}

// frenchTypography sets French text as the cards set it: the typographic
// apostrophe (in the values a text quotes too: a deck's title), a narrow
// no-break space inside « » and before ; ! ?, a no-break space before a
// colon. Only spaces already there become no-break ones: none is added.
function frenchTypography(s) {
  return s.replace(/'/g, "’").replace(/« +/g, "«\u202F").replace(/ +»/g, "\u202F»")
    .replace(/ +:/g, "\u00A0:").replace(/ +([;!?])/g, "\u202F$1");
}

// apostrophes sets a deck's text shown in the page as the cards show it,
// with the typographic apostrophe (in either language).
function apostrophes(s) { return s.replace(/'/g, "’"); }

// cardSize names a layout's cards by their usual size (tarot, poker),
// or gives it in mm.
function cardSize(l) {
  const is = (w, h) => Math.abs(l.card_width - w) < 1 && Math.abs(l.card_height - h) < 1;
  return is(70, 120) ? t("size.tarot") : is(63, 88) ? t("size.poker") : t("size.other", l);
}

// versionText is cardgen's version for the footer, in the page's language.
function versionText() {
  return (state.info?.version || "").replace("(development build)", t("foot.devBuild"));
}
function mm(v) { return String(Math.round(v * 100) / 100).replace(".", ui === "fr" ? "," : "."); }
function paperName(p) { return p === "Letter" ? (ui === "fr" ? "Lettre US" : "US Letter") : p; }

// ---- state
//
// Cards are told apart by their place in the deck (their index), never by
// their ids: two may share one, which is a problem to show and to fix.

const state = {
  info: null,
  layouts: [],
  builtin: true, // the deck that comes with cardgen
  edited: false, // changed in the page since it was loaded
  deck: null, // working copy: {deck, categories, personas}
  source: null, // {source, name, format, folder, language, languages, untitled}
  where: null, // where fields are in the teacher's file: {deck, categories, personas: [by index]}
  pictures: new Map(), // path from the dataset's folder → Blob
  picturesZip: null, // a .zip to send whole when the browser cannot open it
  faces: new Map(), // index → {front, back}
  // The problems shown are those /api/validate finds in the teacher's
  // files (fileProblems, on fileLayout: what cardgen validate says), until
  // the teacher edits a card: then that card's edited fields, and how it
  // is set on the card, are the working copy's (live). See shownProblems.
  fileProblems: [],
  fileLayout: "",
  live: new Map(), // index → the working copy's problems of that card, as last checked
  touched: new Map(), // index → Set of the fields edited in the page
  idsEdited: false, // an id was edited: duplicates are the page's own check
  extra: [], // problems a download found that the list did not show
  upload: null, // {name, data: Blob, dataName, pictures: Map|null, zip: Blob|null}: the teacher's files
  dataFormat: null, // the format chosen to download the data in, for this deck
  unreadable: false,
  restored: null, // {when, pictures: bool} when the working copy came back from the browser's storage
  picked: new Set(), // indices of the cards to print
  layout: "a4",
  generation: 0, // bumped on each new deck: late answers for an old one are dropped
  filesSaved: -1, // the generation whose files the browser was asked to keep
  filesKept: -1, // the generation whose files it has kept
};

// ---- talking to cardgen

class ApiError extends Error {
  constructor(status, body) {
    super(body.message || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

// localError is an error the page finds itself, in its own words.
function localError(message) {
  const e = new ApiError(400, { message });
  e.local = true;
  return e;
}

async function api(path, { method = "GET", body = null, signal = null, blob = false } = {}) {
  for (let attempt = 0; ; attempt++) {
    let res;
    try {
      res = await fetch(path, { method, body, signal, credentials: "same-origin" });
    } catch (e) {
      if (e.name === "AbortError") throw e;
      throw new ApiError(0, { message: t("err.network") });
    }
    if (res.status === 503 && res.headers.get("Retry-After") && attempt < 3) {
      say(t("err.busy"));
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get("Retry-After") || 2)));
      continue;
    }
    if (!res.ok) {
      let b = {};
      try { b = await res.json(); } catch { b = { message: `HTTP ${res.status}` }; }
      throw new ApiError(res.status, b);
    }
    if (blob) return { blob: await res.blob(), name: fileName(res), problems: Number(res.headers.get("Cardgen-Problems") || 0) };
    return res.json();
  }
}

function fileName(res) {
  const cd = res.headers.get("Content-Disposition") || "";
  const star = /filename\*=(?:UTF-8|utf-8)''([^;]+)/.exec(cd);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/.exec(cd);
  return plain ? plain[1] : "cardgen";
}

// stem is the working copy's file name without extension.
function stem() {
  if (state.builtin) return "personas";
  return state.source.source.replace(/\.[^.]+$/, "");
}

// dataset returns the form data that carries the deck: nothing for the
// deck that comes with cardgen as it is, else the working copy as JSON and
// the pictures its cards show.
function dataset() {
  if (state.builtin && !state.edited) return { form: null, query: { lang: state.source.language } };
  return workingCopy(state.deck);
}

// cardDataset is the form data that carries card i alone, with the deck's
// title and categories, and the query that says its place in the whole
// deck: the server redraws it in the same time whatever the deck's size.
function cardDataset(i) {
  const { form, query } = workingCopy({ ...state.deck, personas: [state.deck.personas[i]] });
  return { form, query: { ...query, number: i + 1, total: state.deck.personas.length } };
}

// workingCopy is the form data that carries doc, a deck as cardgen's JSON
// dataset, with the pictures its cards show; the query names the edition
// it is a copy of, when it is not the file's own language.
function workingCopy(doc) {
  const form = new FormData();
  const query = {};
  if (state.source.language !== state.source.languages[0]) query.edition = state.source.language;
  // A spreadsheet that gives no title: the copy's (the file's name) is not printed.
  if (state.source.untitled) query.no_title = "true";
  form.append("data", new Blob([JSON.stringify(doc)], { type: "application/json" }), stem() + ".json");
  const wanted = new Set(doc.personas.filter((p) => p.image).map((p) => normPath(p.image)));
  for (const [path, blob] of state.pictures) if (wanted.has(path)) form.append("images", blob, path);
  if (state.picturesZip && wanted.size) form.append("images", state.picturesZip, "pictures.zip");
  return { form, query };
}

// uploadForm is the form data that carries the teacher's own files.
function uploadForm(upload) {
  const form = new FormData();
  if (upload.zip) {
    form.append("data", upload.zip, upload.name);
    return form;
  }
  form.append("data", upload.data, upload.dataName);
  for (const [p, f] of upload.pictures || []) form.append("images", f, p);
  return form;
}

function url(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v == null || v === "" || v === false) continue;
    for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

function normPath(p) {
  const parts = [];
  for (const s of p.replaceAll("\\", "/").split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") parts.pop(); else parts.push(s);
  }
  return parts.join("/");
}

// ---- the working copy, kept by the browser: closing the tab loses no
// edit. The deck and its state go to localStorage; the teacher's files
// (the dataset and its pictures, which may be large) to IndexedDB.

const SAVED = "cardgen-working-copy";

function idb() {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open("cardgen", 1);
    r.onupgradeneeded = () => r.result.createObjectStore("files");
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function idbDo(mode, fn) {
  const db = await idb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction("files", mode);
      const req = fn(tx.objectStore("files"));
      tx.oncomplete = () => resolve(req?.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

let saveTimer = null;
function saveSoon() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(save, 300);
}

// save keeps the working copy in the browser, once it was edited: the
// deck at once (localStorage), the files the first time (IndexedDB:
// they do not change while the deck is edited).
function save() {
  clearTimeout(saveTimer);
  if (!state.edited || !state.deck) return;
  const kept = {
    v: 1, when: Date.now(), builtin: state.builtin, deck: state.deck, source: state.source, where: state.where,
    fileProblems: state.fileProblems, fileLayout: state.fileLayout, idsEdited: state.idsEdited,
    touched: [...state.touched].map(([i, f]) => [i, [...f]]), picked: [...state.picked], layout: state.layout, dataFormat: state.dataFormat,
    hadPictures: state.pictures.size > 0 || !!state.picturesZip,
  };
  try {
    localStorage.setItem(SAVED, JSON.stringify(kept));
  } catch { return; } // full, or refused: the page works on without
  if (state.filesSaved !== state.generation) saveFiles();
}

async function saveFiles() {
  const gen = state.generation;
  state.filesSaved = gen;
  try {
    const u = state.upload;
    const files = u ? { name: u.name, dataName: u.dataName, data: u.data, zip: u.zip, pictures: u.pictures ? [...u.pictures] : null } : null;
    await idbDo("readwrite", (s) => s.put({ upload: files, pictures: [...state.pictures], picturesZip: state.picturesZip }, "files"));
    if (state.generation === gen) state.filesKept = gen;
  } catch { /* the deck is kept; its pictures are not (restore says so) */ }
}

async function forget() {
  clearTimeout(saveTimer);
  localStorage.removeItem(SAVED);
  try { await idbDo("readwrite", (s) => s.delete("files")); } catch { /* nothing kept */ }
}

// restore takes back a working copy kept by the browser; false when there
// is none.
async function restore() {
  let kept;
  try { kept = JSON.parse(localStorage.getItem(SAVED) || "null"); } catch { kept = null; }
  if (!kept || kept.v !== 1 || !kept.deck?.personas) return false;
  let files = null;
  try { files = await idbDo("readonly", (s) => s.get("files")); } catch { files = null; }
  const upload = files?.upload ? { ...files.upload, pictures: files.upload.pictures ? new Map(files.upload.pictures) : null } : null;
  state.generation++;
  state.filesSaved = state.filesKept = state.generation; // they are there already
  Object.assign(state, {
    builtin: kept.builtin, edited: true, deck: kept.deck, source: kept.source, where: kept.where, upload,
    pictures: new Map(files?.pictures || []), picturesZip: files?.picturesZip || null,
    fileProblems: kept.fileProblems || [], fileLayout: kept.fileLayout || "", idsEdited: !!kept.idsEdited,
    touched: new Map((kept.touched || []).map(([i, f]) => [i, new Set(f)])), live: new Map(), extra: [],
    picked: new Set(kept.picked || kept.deck.personas.map((_, i) => i)), dataFormat: kept.dataFormat || null, unreadable: false,
    faces: new Map(), restored: { when: kept.when, pictures: !kept.hadPictures || !!(files?.pictures?.length || files?.picturesZip) },
  });
  if (kept.layout && state.layouts.some((l) => l.name === kept.layout)) {
    state.layout = kept.layout;
    renderLayouts();
    layoutChangedQuiet();
  }
  renderAll();
  await refreshFaces();
  if (state.upload && state.fileLayout !== state.layout) await revalidate();
  return true;
}

// ---- the deck

async function loadBuiltin(lang) {
  const gen = ++state.generation;
  const d = await api(url("/api/deck", { lang }));
  if (gen !== state.generation) return;
  Object.assign(state, {
    builtin: true, edited: false, deck: d.dataset, where: d.where, pictures: new Map(), picturesZip: null, upload: null, dataFormat: null,
    source: { source: d.source, name: d.name, format: d.format, language: d.language, languages: d.languages },
    fileProblems: [], fileLayout: state.layout, live: new Map(), touched: new Map(), idsEdited: false, extra: [],
    unreadable: false, faces: new Map(), restored: null,
  });
  state.picked = new Set(state.deck.personas.map((_, i) => i));
  renderAll();
  await refreshFaces();
}

// refreshFaces draws every card of the working copy on the layout, and
// keeps each card's problems as the working copy has them.
async function refreshFaces() {
  if (!state.deck) return;
  const gen = state.generation;
  $("#cards-loading").hidden = false;
  const { form, query } = dataset();
  try {
    const r = await api(url("/api/faces", { layout: state.layout, ...query }), { method: "POST", body: form });
    if (gen !== state.generation) return;
    state.faces = new Map(r.cards.map((c) => [c.index, c]));
    state.live = byCard(r.problems);
    state.unreadable = false;
  } catch (e) {
    if (gen !== state.generation) return;
    showError(e);
  } finally {
    if (gen === state.generation) $("#cards-loading").hidden = true;
  }
  renderGrid();
  renderProblems();
}

// byCard sorts problems by the card they belong to.
function byCard(problems) {
  const m = new Map();
  for (const p of problems) {
    if (p.card == null) continue;
    if (!m.has(p.card)) m.set(p.card, []);
    m.get(p.card).push(p);
  }
  return m;
}

// revalidate checks the teacher's files again, on the layout now chosen:
// how the cards are set depends on it, as cardgen validate --layout says.
async function revalidate() {
  if (!state.upload) return;
  const gen = state.generation;
  const lang = state.source.language !== state.source.languages[0] ? state.source.language : "";
  try {
    const r = await api(url("/api/validate", { layout: state.layout, lang }), { method: "POST", body: uploadForm(state.upload) });
    if (gen !== state.generation) return;
    state.fileProblems = r.problems;
    state.fileLayout = state.layout;
  } catch (e) {
    if (gen === state.generation) showError(e);
    return;
  }
  renderGrid();
  renderProblems();
  if (state.edited) saveSoon();
}

// ---- files the teacher drops or chooses

const DATA_EXT = ["csv", "yaml", "yml", "json", "md", "markdown", "xlsx", "ods"];
function isDataset(name) {
  const ext = name.split(".").pop().toLowerCase();
  return name.includes(".") && DATA_EXT.includes(ext);
}

// takeFiles handles a list of {file, path}, path from the folder dropped.
async function takeFiles(items) {
  if (!items.length) return;
  if (state.edited && !confirm(t("confirm.lose"))) return;
  if (items.length === 1 && /\.zip$/i.test(items[0].path)) return takeZip(items[0].file);
  const datasets = items.filter((i) => isDataset(i.path));
  if (!datasets.length) return showError(localError(t("err.noDataset")));
  const depth = (p) => p.split("/").length;
  const top = Math.min(...datasets.map((d) => depth(d.path)));
  let chosen = datasets.filter((d) => depth(d.path) === top);
  // deck.en.csv beside deck.csv is an edition of it.
  const names = new Set(chosen.map((d) => d.path));
  chosen = chosen.filter((d) => {
    const m = /^(.*)\.[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?(\.[^.]+)$/.exec(d.path);
    return !(m && names.has(m[1] + m[2]));
  });
  if (chosen.length > 1) return showError(localError(t("err.severalDatasets", chosen.map((c) => c.path).join(", "))));
  const data = chosen[0];
  const folder = data.path.includes("/") ? data.path.slice(0, data.path.lastIndexOf("/") + 1) : "";
  const pictures = new Map();
  for (const i of items) {
    if (i === data || !i.path.startsWith(folder)) continue;
    pictures.set(normPath(i.path.slice(folder.length)), i.file);
  }
  const name = data.path.split("/").pop();
  await readDataset({ name, dataName: name, data: data.file, pictures, zip: null });
}

async function takeZip(zip) {
  const name = zip.name || "deck.zip";
  await readDataset({ name, dataName: name, data: null, pictures: null, zip });
}

// readDataset sends the teacher's files to be checked and read, in the
// edition of lang ("" for the file's own language), and shows the deck
// with the problems cardgen validate finds in them.
async function readDataset(upload, lang = "") {
  const gen = ++state.generation;
  const { name, zip } = upload;
  let pictures = upload.pictures;
  $("#deck-status").textContent = t("status.reading", name);
  let r;
  try {
    r = await api(url("/api/validate", { layout: state.layout, lang }), { method: "POST", body: uploadForm(upload) });
  } catch (e) {
    showError(e);
    return;
  }
  if (gen !== state.generation) return;
  await forget(); // a new deck: the copy the browser kept of the old one goes
  const fresh = { live: new Map(), touched: new Map(), idsEdited: false, extra: [], faces: new Map(), restored: null, fileLayout: state.layout };
  if (!r.deck) {
    Object.assign(state, fresh, { builtin: false, edited: false, deck: null, where: null, fileProblems: r.problems, unreadable: true, upload,
      source: { source: name, name: name.replace(/\.[^.]+$/, ""), format: "", language: "", languages: [] } });
    renderAll();
    $("#problems-h").focus();
    return;
  }
  const d = r.deck;
  if (zip) pictures = await picturesOf(zip, d.folder || "");
  Object.assign(state, fresh, {
    builtin: false, edited: false, deck: d.dataset, where: d.where, upload, dataFormat: null,
    source: { source: d.source, name: d.name, format: d.format, folder: d.folder, language: d.language, languages: d.languages, untitled: d.untitled },
    pictures: pictures instanceof Map ? pictures : new Map(), picturesZip: pictures instanceof Map ? null : zip,
    fileProblems: r.problems, unreadable: false,
  });
  state.picked = new Set(state.deck.personas.map((_, i) => i));
  renderAll();
  await refreshFaces();
}

// ---- .zip files, read in the browser so that a keystroke sends one
// picture rather than the whole folder. Only what the page needs: stored
// and deflated entries, no ZIP64. Anything else: the .zip is sent whole.

async function picturesOf(zip, folder) {
  try {
    if (typeof DecompressionStream !== "function") throw new Error("no DecompressionStream");
    const out = new Map();
    for (const e of readZip(new Uint8Array(await zip.arrayBuffer()))) {
      if (!e.name.startsWith(folder) || isDataset(e.name) || /(^|\/)(__MACOSX|\.)/.test(e.name)) continue;
      out.set(normPath(e.name.slice(folder.length)), await inflate(e));
    }
    return out;
  } catch {
    return zip; // sent whole with each request
  }
}

function readZip(buf) {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) { end = i; break; }
  }
  if (end < 0) throw new Error("not a zip");
  const count = dv.getUint16(end + 10, true);
  let p = dv.getUint32(end + 16, true);
  const entries = [];
  const utf8 = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (dv.getUint32(p, true) !== 0x02014b50) throw new Error("bad zip");
    const method = dv.getUint16(p + 10, true);
    const size = dv.getUint32(p + 20, true);
    const nameLen = dv.getUint16(p + 28, true), extraLen = dv.getUint16(p + 30, true), commentLen = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const name = utf8.decode(buf.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue;
    if (size === 0xffffffff || local === 0xffffffff) throw new Error("zip64");
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    entries.push({ name, method, data: buf.subarray(start, start + size) });
  }
  return entries;
}

async function inflate(e) {
  if (e.method === 0) return new Blob([e.data]);
  if (e.method !== 8) throw new Error("method");
  const stream = new Blob([e.data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).blob();
}

// Folders dropped: walk them for their files and paths.
async function droppedItems(dt) {
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  if (!entries.length) return [...dt.files].map((f) => ({ file: f, path: f.name }));
  const out = [];
  const walk = async (entry) => {
    if (entry.isFile) {
      const file = await new Promise((res, rej) => entry.file(res, rej));
      out.push({ file, path: entry.fullPath.replace(/^\//, "") });
      return;
    }
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((res, rej) => reader.readEntries(res, rej));
      if (!batch.length) break;
      for (const e of batch) await walk(e);
    }
  };
  for (const e of entries) await walk(e);
  // One folder dropped: paths from inside it.
  const tops = new Set(out.map((i) => i.path.split("/")[0]));
  if (tops.size === 1 && out.every((i) => i.path.includes("/"))) {
    for (const i of out) i.path = i.path.slice(i.path.indexOf("/") + 1);
  }
  return out;
}


// ---- drawing the page

function renderAll() {
  renderStatus();
  renderDeckLang();
  renderCategories();
  renderGrid();
  renderProblems();
  renderFormats();
  renderHowTo();
}

function renderStatus() {
  const s = $("#deck-status");
  if (!state.source) { s.textContent = ""; return; }
  if (state.unreadable || !state.deck) { s.textContent = state.source.source; }
  else if (state.builtin) s.textContent = t("status.builtin", state.deck.deck.title, state.deck.personas.length);
  else {
    s.textContent = t("status.file", state.source.source, state.deck.personas.length);
    if (state.source.language !== state.source.languages[0]) s.textContent += t("status.edition", languageName(state.source.language), editionFile());
  }
  if (state.edited) s.textContent += t("status.edited");
  $("#reset").hidden = state.builtin && !state.edited;
  const r = state.restored;
  $("#restored").hidden = !r;
  if (r) {
    const when = new Date(r.when).toLocaleString(ui, { dateStyle: "long", timeStyle: "short" });
    $("#restored-text").textContent = t("restored", state.builtin ? "" : state.source.source, when) +
      (r.pictures ? "" : " " + t("restored.noPictures"));
  }
}

function renderDeckLang() {
  const sel = $("#deck-lang");
  const langs = state.deck ? (state.source?.languages || []) : [];
  $("#deck-lang-row").hidden = langs.length < 2;
  sel.replaceChildren(...langs.map((l) => el("option", { value: l, text: languageName(l), selected: l === state.source?.language })));
}

// languageName names a language in the page's: "anglais", "English".
function languageName(code) {
  try {
    const name = new Intl.DisplayNames([ui], { type: "language" }).of(code);
    if (name && name !== code) return name.charAt(0).toLocaleUpperCase(ui) + name.slice(1);
  } catch { /* an unusual code: shown as it is */ }
  return code;
}

function renderCategories() {
  const sel = $("#cat");
  const cats = state.deck?.categories || [];
  sel.replaceChildren(...cats.map((c) => {
    const n = state.deck.personas.filter((p) => p.category === c.id).length;
    return el("option", { value: c.id, text: `${apostrophes(c.label)} (${n})` });
  }));
  $("#f-category").replaceChildren(...cats.map((c) => el("option", { value: c.id, text: apostrophes(c.label) })));
}

// ---- which problems the page shows

// Problems found setting a card (the font, the fitting) depend on the
// whole card: an edited card has the working copy's.
const SETTING = new Set(["too-long", "word-too-long", "missing-glyph"]);

// baseField is the form's field a problem's field is about.
function baseField(f) {
  const b = (f || "").replace(/\[\d+\]$/, "").split(" ")[0];
  return b === "country_code" ? "country" : b;
}

function touchedField(i, field) {
  return state.touched.get(i)?.has(baseField(field)) || false;
}

// shownProblems are, before any edit, the problems /api/validate found
// in the teacher's files: the list cardgen validate gives. A card edited
// in the page has, for its edited fields and for how it is set, the
// working copy's problems instead; its other problems stay the file's,
// so that nothing the file check would not find is added (a misspelt
// column leaves every working copy without conditions: that is said once,
// by the column's own problem). Problems the form cannot fix (a column, a
// missing picture) stay until the file is replaced. Ids edited in the
// page are checked for duplicates by the page itself.
function shownProblems() {
  const out = [];
  for (const p of state.fileProblems) {
    if (p.card != null && state.touched.has(p.card) && (SETTING.has(p.code) || touchedField(p.card, p.field))) continue;
    if (state.idsEdited && p.code === "duplicate-id") continue;
    out.push(p);
  }
  for (const [i, problems] of state.live) {
    if (!state.touched.has(i)) continue;
    for (const p of problems) {
      if (p.code === "duplicate-id") continue; // one card is sent alone: the page checks
      if (SETTING.has(p.code) || touchedField(i, p.field)) out.push(p);
    }
  }
  if (state.idsEdited) out.push(...duplicateIDs());
  out.push(...state.extra);
  return out;
}

// duplicateIDs finds the cards whose id an earlier card has, as cardgen
// validate says it ("id used twice (first in cell A6)").
function duplicateIDs() {
  const first = new Map();
  const out = [];
  state.deck.personas.forEach((p, i) => {
    if (!p.id) return;
    if (!first.has(p.id)) { first.set(p.id, i); return; }
    const j = first.get(p.id);
    const at = state.where?.personas?.[j]?.id || state.where?.personas?.[j]?.[""];
    const place = state.builtin || !at ? `card ${j + 1}` : at.cell ? `in cell ${at.cell}` : `on line ${at.line}`;
    const mine = state.where?.personas?.[i]?.id || {};
    out.push({ card: i, persona: p.id, field: "id", code: "duplicate-id", first: j, cell: mine.cell, line: mine.line,
      message: `id used twice (first ${place})`, hint: "give each persona its own id" });
  });
  return out;
}

function problemsOf(i) { return shownProblems().filter((p) => p.card === i); }

function renderGrid() {
  const personas = state.deck?.personas || [];
  const shown = byCard(shownProblems());
  $("#grid").replaceChildren(...personas.map((p, i) => cardItem(p, i, shown.get(i) || [])));
  renderCount();
}

// cardItem is card i of the grid: its checkbox, both faces, its problems
// and its Edit button. Its HTML id is its place, not its persona's id.
function cardItem(p, i, probs = problemsOf(i)) {
  const f = state.faces.get(i);
  const pick = el("input", { type: "checkbox", id: "pick-" + i, checked: state.picked.has(i) });
  const label = el("label", { for: "pick-" + i },
    el("span", { class: "name", text: p.name }), " ",
    el("span", { class: "role", text: p.role + (p.copies > 1 ? " · " + t("card.copies", p.copies) : "") }));
  const faces = el("div", { class: "faces" }, faceBox(p, i, "front", f?.front, probs), faceBox(p, i, "back", f?.back, probs));
  const edit = el("button", { type: "button", class: "edit", text: t("card.edit") });
  edit.setAttribute("aria-label", `${t("card.edit")} ${p.name}`);
  edit.addEventListener("click", () => openEditor(i, edit));
  const list = probs.length ? el("ul", { class: "card-problems" }, ...probs.map((q) => el("li", {}, ...problemParts(q, false)))) : null;
  const actions = el("div", { class: "card-actions" },
    probs.length ? el("span", { class: "badge", text: "⚠ " + t("card.problems", probs.length) }) : el("span"), edit);
  const li = el("li", { class: "card" + (probs.length ? " has-problem" : "") + (state.picked.has(i) ? "" : " unpicked"), id: "card-" + i, "data-id": p.id },
    el("div", { class: "card-head" }, pick, label), faces, list, actions);
  pick.addEventListener("change", () => {
    if (pick.checked) state.picked.add(i); else state.picked.delete(i);
    li.classList.toggle("unpicked", !pick.checked);
    renderCount();
    if (state.edited) saveSoon();
  });
  return li;
}

function faceBox(p, i, side, svg, probs) {
  const box = el("div", { class: "face-box" });
  const l = currentLayout();
  if (l) box.style.aspectRatio = `${l.card_width} / ${l.card_height}`; // the card's own shape
  const label = `${p.name}, ${t("card." + side)}`;
  if (svg) {
    const node = svgNode(svg);
    if (node) {
      node.setAttribute("role", "img");
      node.setAttribute("aria-label", label);
      box.append(node);
      return box;
    }
  }
  if (state.faces.size && (probs || problemsOf(i)).length) box.append(el("p", { class: "cannot", text: t("card.cannot") }));
  box.setAttribute("role", "img");
  box.setAttribute("aria-label", label);
  return box;
}

// svgNode parses an SVG document from cardgen into an element to show.
const parser = new DOMParser();
function svgNode(text) {
  // The root's inline style (no kerning, no ligatures), which the page's
  // security policy refuses even in a parsed document: app.css sets the
  // same rules for every face.
  const doc = parser.parseFromString(text.replace(/^(<svg\b[^>]*?) style="[^"]*"/, "$1"), "image/svg+xml");
  const root = doc.documentElement;
  if (root.nodeName !== "svg" || doc.querySelector("parsererror")) return null;
  // Nothing active: no script, no event handler (the page's policy forbids them too).
  for (const s of root.querySelectorAll("script, foreignObject")) s.remove();
  for (const s of [root, ...root.querySelectorAll("[style]")]) s.removeAttribute("style");
  root.classList.add("face");
  return document.importNode(root, true);
}

function renderCount() {
  const n = state.deck ? state.deck.personas.filter((_, i) => state.picked.has(i)).length : 0;
  $("#count").textContent = state.deck ? t("cards.count", n, state.deck.personas.length) : "";
}

function fieldName(f) {
  if (!f) return "";
  const m = /^conditions\[(\d+)\]$/.exec(f);
  if (m) return t("field.condition", Number(m[1]));
  const base = f.split(" ")[0];
  const key = "field." + base;
  return WORDS[ui][key] ? t(key).replace(/ \(.*\)$/, "") : f;
}

// editionFile is the file the page's cards come from: the teacher's, or
// the edition beside it (deck.en.csv) that the page shows.
function editionFile() {
  const ext = (/\.[^.]+$/.exec(state.source.source) || [""])[0];
  return state.source.language && state.source.language !== state.source.languages[0]
    ? stem() + "." + state.source.language + ext : state.source.source;
}

// placeOf says where a problem is in the teacher's own file.
function placeOf(p) {
  if (state.builtin || !state.source) return ""; // the deck that comes with cardgen: no file to open
  let place = null, file = editionFile();
  if (p.file && p.file !== stem() + ".json" && (p.line || p.cell)) {
    // A problem of one of the teacher's files, at its place in it.
    place = { line: p.line, cell: p.cell };
    file = p.file;
  } else if (!p.file && (p.cell || p.line)) {
    place = { line: p.line, cell: p.cell }; // the page's own (a duplicate id)
  } else if (state.where) {
    // A problem of the working copy: where the field is in the teacher's file.
    if (p.card != null) {
      const w = state.where.personas?.[p.card] || {};
      place = w[p.field] || w[(p.field || "").replace(/\[\d+\]$/, "")] || w[""];
    } else if (p.field && state.where.deck?.[p.field]) place = state.where.deck[p.field];
  }
  if (!place) return "";
  const row = /^(?:.*!)?(\d+):\1$/.exec(place.cell || "");
  const where = row ? t("where.row", row[1]) : place.cell ? t("where.cell", place.cell.replace(/^.*!/, "")) : place.line ? t("where.line", place.line) : "";
  return where && file !== state.source.source ? `${t("where.file", file)}, ${where}` : where;
}

function personaName(i) {
  return state.deck?.personas[i]?.name || "";
}

function problemParts(p, withCard) {
  const parts = [];
  const where = [withCard && p.card != null ? personaName(p.card) : "", placeOf(p), fieldName(p.field)].filter(Boolean).join(" · ");
  if (where) parts.push(el("span", { class: "where", text: where + " — " }));
  // cardgen words its problems in English; the page says those a teacher
  // meets most in its own language, by their kind (code), reading the
  // values they quote. The others are marked as English, for screen
  // readers.
  const { message, hint, own } = plain(p);
  const lang = own ? ui : "en";
  const msg = el("span", { class: "msg", lang }, ...message);
  const last = message[message.length - 1];
  if (typeof last !== "string" || !/[.!?]$/.test(last)) msg.append(".");
  parts.push(msg);
  if (hint) {
    parts.push(" ", el("span", { class: "hint" }, `${t("problem.hint")} `,
      el("span", { class: "msg", lang, text: hint + (/[.!?]$/.test(hint) ? "" : ".") })));
  }
  return parts;
}

// quoted returns the values a message quotes ("…", as Go's %q writes them).
function quoted(s) {
  const out = [];
  for (const m of (s || "").matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    try { out.push(JSON.parse(`"${m[1]}"`)); } catch { out.push(m[1]); }
  }
  return out;
}

// glyphs names the characters a missing-glyph problem quotes, each shown
// in a font that has it (the system's, not the page's) with its code.
function glyphs(p) {
  const parts = [];
  for (const m of (p.message || "").matchAll(/\(U\+([0-9A-Fa-f]{4,6})\)/g)) {
    const code = parseInt(m[1], 16);
    const emoji = /\p{Extended_Pictographic}/u.test(String.fromCodePoint(code));
    if (parts.length) parts.push(", ");
    parts.push(el("span", { class: "glyph", text: String.fromCodePoint(code) }), ` (U+${m[1].toUpperCase()}${emoji ? ", " + t("problem.emoji") : ""})`);
  }
  return parts;
}

const TABLES = new Set(["csv", "xlsx", "ods"]);

// codeWhere says where a country's code may be written: in the card's
// form, and in the teacher's file (the cell cardgen names, a column, or a
// Markdown line).
function codeWhere(p) {
  const form = p.card != null ? `avec le bouton « Modifier » (champ « ${WORDS.fr["field.country_code"]} »), ou ` : "";
  const cell = /\bin cell (\S+?)$/.exec(p.hint || "")?.[1];
  const format = state.source?.format;
  let file = "dans votre fichier";
  if (cell) file += `, cellule ${cell.replace(/^.*!/, "")}`;
  else if (TABLES.has(format)) file += ", dans une colonne « code_pays »";
  else if (format === "md") file += ", avec une ligne « Code pays : XX »";
  return form + file;
}

// regionName names a country by its code, in French.
function regionName(code) {
  try { return new Intl.DisplayNames(["fr"], { type: "region" }).of(code); } catch { return code; }
}

// CODES say problems in French by their kind; each gives the message (a
// list of text and nodes) and the hint. In English, cardgen's own words
// are shown, but for the characters the font lacks.
const CODES = {
  "unknown-field": (p) => {
    const table = TABLES.has(state.source?.format);
    const s = quoted(p.hint)[0];
    return [[table ? "Colonne inconnue" : "Champ inconnu"], (s ? `vouliez-vous dire « ${s} » ? ` : "") +
      (table ? "Corrigez son en-tête dans votre fichier, puis déposez-le à nouveau (le formulaire ne peut pas le faire)" : "corrigez-le dans votre fichier, puis déposez-le à nouveau")];
  },
  "missing-field": (p) => TABLES.has(state.source?.format) && p.card == null
    ? [["Colonne manquante"], "ajoutez cette colonne à votre fichier, puis déposez-le à nouveau"]
    : [["Manquant : à remplir"], p.card != null ? "remplissez-le avec le bouton « Modifier », ou dans votre fichier" : "ajoutez-le à votre fichier"],
  empty: (p) => [["Vide : à remplir"], p.card != null ? "remplissez-le avec le bouton « Modifier », ou dans votre fichier" : "remplissez-le dans votre fichier"],
  "empty-list": (p) => baseField(p.field) === "conditions"
    ? [["Aucune condition de travail"], "écrivez-en au moins une (une par ligne dans le formulaire)"]
    : [["Liste vide"], "écrivez au moins un élément"],
  "duplicate-id": (p) => {
    const id = p.persona || quoted(p.message).pop() || "";
    let first = "";
    const j = p.first ?? state.deck?.personas.findIndex((q, k) => q.id === p.persona && k < p.card);
    const at = j >= 0 ? (state.where?.personas?.[j]?.id || state.where?.personas?.[j]?.[""]) : null;
    if (!state.builtin && at?.cell) first = `en cellule ${at.cell.replace(/^.*!/, "")}`;
    else if (!state.builtin && at?.line) first = `à la ligne ${at.line}`;
    else if (j >= 0) first = `par la carte « ${personaName(j)} »`;
    else {
      const m = /\bfirst (?:in cell (\S+?)|on line (\d+))\)/.exec(p.message);
      if (m) first = m[1] ? `en cellule ${m[1]}` : `à la ligne ${m[2]}`;
    }
    return [[`Identifiant « ${id} » déjà utilisé` + (first ? ` (la première fois ${first})` : "")],
      "donnez à chaque personne son propre identifiant (bouton « Modifier », champ « Identifiant », ou dans votre fichier)"];
  },
  "unknown-category": (p) => {
    const v = quoted(p.message)[0], s = quoted(p.hint)[0];
    return [["Catégorie inconnue" + (v ? ` : « ${v} »` : "")],
      s ? `vouliez-vous dire « ${s} » ? Choisissez la catégorie avec le bouton « Modifier »` : "choisissez une des catégories du jeu avec le bouton « Modifier »"];
  },
  "near-category": (p) => {
    const [label, near] = quoted(p.message);
    return [[label && near ? `« ${label} » ferait une nouvelle catégorie, très proche de « ${near} »` : "Nouvelle catégorie, très proche d’une catégorie du jeu"],
      (near ? `vouliez-vous dire « ${near} » ? ` : "") + "Choisissez la catégorie avec le bouton « Modifier » ; pour une nouvelle catégorie, choisissez un nom moins proche"];
  },
  "missing-picture": (p) => {
    const f = quoted(p.message)[0];
    return [[f ? `L’image « ${f} » est introuvable` : "Image introuvable"], "vérifiez son nom, et déposez l’image avec le fichier (ou le dossier entier, ou un .zip du dossier)"];
  },
  "missing-glyph": (p) => [["Ces caractères ne peuvent pas être imprimés : ", ...glyphs(p)], "remplacez-les ou supprimez-les (les émojis et les symboles rares ne s’impriment pas)"],
  "too-long": (p) => {
    const side = /\bback\b/.test(p.message) ? "verso" : "recto";
    const pct = /(\d+)\s?% too long/.exec(p.message), lines = /needs (\d+) lines, at most (\d+)/.exec(p.message);
    const how = pct ? ` : environ ${pct[1]} % de trop` : lines ? ` : ${lines[1]} lignes, ${lines[2]} au plus` : "";
    return [[`Trop long pour la carte (au ${side})${how}`], "raccourcissez le texte, ou choisissez une mise en page à plus grandes cartes"];
  },
  "word-too-long": (p) => {
    const w = quoted(p.message)[0];
    return [[w ? `Le mot « ${w} » est trop long pour tenir sur une ligne` : "Un mot est trop long pour tenir sur une ligne"], "raccourcissez-le, ou écrivez un trait d’union là où il peut être coupé"];
  },
  "unknown-country": (p) => {
    const v = quoted(p.message)[0];
    return [[v ? `Aucun code de pays connu pour « ${v} »` : "Aucun code de pays connu pour ce pays"],
      "écrivez le code du pays à deux lettres (par exemple FR, CD, KR) " + codeWhere(p) + " ; ou écrivez le nom d'un pays que cardgen connaît"];
  },
  "ambiguous-country": (p) => {
    const v = quoted(p.message)[0];
    const codes = [...(p.message || "").matchAll(/\b([A-Z]{2}) \(/g)].map((m) => `${m[1]} (${regionName(m[1])})`);
    return [[(v ? `« ${v} » désigne plusieurs pays` : "Ce nom désigne plusieurs pays") + (codes.length ? " : " + codes.join(" ou ") : "")],
      "écrivez le code à deux lettres du pays voulu " + codeWhere(p)];
  },
  "bad-country-code": (p) => {
    const v = quoted(p.message)[0], meant = /^write ([A-Z]{2})$/.exec(p.hint || "")?.[1];
    return [[v ? `« ${v} » n'est pas un code de pays à deux lettres` : "Code de pays incorrect"],
      (meant ? `écrivez ${meant}` : "écrivez deux lettres majuscules, par exemple FR, CD, KR, GB,") + " " + codeWhere(p)];
  },
  "bad-copies": (p) => {
    const v = quoted(p.message)[0] ?? /^(-?\d+) copies$/.exec(p.message || "")?.[1];
    return [["Nombre d'exemplaires incorrect" + (v != null ? ` : « ${v} »` : "")],
      "écrivez un nombre entier de 1 à 1000 avec le bouton « Modifier » (champ « " + WORDS.fr["field.copies"] + " ») ou dans votre fichier, ou laissez-le vide pour un seul exemplaire"];
  },
  "bad-colour": (p) => {
    const v = quoted(p.message)[0];
    return [[v ? `« ${v} » n'est pas une couleur` : "Couleur incorrecte"], "écrivez-la dans votre fichier sous la forme #RRGGBB, par exemple #1D6A80"];
  },
  "control-character": (p) => {
    const code = /\(U\+([0-9A-Fa-f]{4,6})\)/.exec(p.message || "")?.[1];
    return [[`Un caractère invisible${code ? ` (U+${code})` : ""} est resté dans le texte`],
      "supprimez-le, avec le bouton « Modifier » ou dans votre fichier (il vient souvent d'un copier-coller)"];
  },
  "light-colour": (p) => {
    const c = /#[0-9A-Fa-f]{6}\b/.exec(p.message)?.[0], d = /#[0-9A-Fa-f]{6}\b/.exec(p.hint || "")?.[0];
    return [["Couleur trop claire pour être lue" + (c ? ` : ${c}` : "")], "choisissez une couleur plus foncée dans votre fichier" + (d ? `, par exemple ${d}` : "")];
  },
};

// PLAIN says in French the problems that have no code yet, by their words.
const PLAIN = [
  [/^missing from the (\S+) edition \((.+)\)$/, (m) => [[`Absente de l’édition ${languageName(m[1]).toLocaleLowerCase("fr")} (${m[2]})`], "traduisez-la aussi dans ce fichier, ou donnez à sa traduction le même identifiant"]],
  [/^not in (\S+)$/, (m) => [[`Absente de ${m[1]}`], "chaque édition a les mêmes identifiants : donnez-lui celui de la carte qu’elle traduit"]],
  [/^missing$/, () => [["Manquant : à remplir"], ""]],
  [/^empty$/, () => [["Vide : à remplir"], ""]],
];

function capital(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

function plain(p) {
  if (ui === "en") {
    if (p.code === "missing-glyph" && glyphs(p).length) {
      return { message: ["These characters cannot be printed: ", ...glyphs(p)], hint: p.hint, own: true };
    }
    return { message: [capital(p.message)], hint: p.hint, own: true };
  }
  const french = ([message, hint]) => ({
    message: message.map((x) => typeof x === "string" ? frenchTypography(x) : x), hint: frenchTypography(hint), own: true });
  const byCode = CODES[p.code];
  if (byCode) return french(byCode(p));
  for (const [re, words] of PLAIN) {
    const m = re.exec(p.message);
    if (m) return french(words(m));
  }
  return { message: [capital(p.message)], hint: p.hint, own: false };
}

function renderProblems() {
  const sec = $("#problems");
  const list = shownProblems();
  sec.hidden = list.length === 0;
  $("#problems-title").textContent = t("problems.title", list.length);
  $("#problems-intro").textContent = state.unreadable ? t("problems.unreadable") : t("problems.intro");
  $("#problem-list").replaceChildren(...list.map((p) => {
    const li = el("li", {}, ...problemParts(p, true));
    if (p.card != null && state.deck?.personas[p.card]) {
      const b = el("button", { type: "button", text: t("card.edit") });
      b.setAttribute("aria-label", `${t("card.edit")} ${personaName(p.card)}`);
      b.addEventListener("click", () => openEditor(p.card, b));
      li.append(" ", b);
    }
    return li;
  }));
  if (document.querySelector("#editor[open]")) renderEditProblems();
}

function renderLayouts() {
  const box = $("#layout-list");
  box.replaceChildren(...state.layouts.map((l) => {
    const id = "layout-" + l.name;
    const input = el("input", { type: "radio", name: "layout", id, value: l.name, checked: l.name === state.layout });
    input.setAttribute("aria-describedby", id + "-facts");
    input.addEventListener("change", () => { state.layout = l.name; layoutChanged(); });
    // Each label its own: two layouts alike name themselves.
    const label = t("layout.label", l), alike = state.layouts.filter((o) => t("layout.label", o) === label).length > 1;
    return el("div", { class: "layout" }, input,
      el("label", { for: id },
        el("span", { class: "what", text: alike ? `${label} (${l.name})` : label }),
        el("span", { class: "facts", id: id + "-facts", text: t("layout.facts", l) + ` (${l.name})` })));
  }));
}

function currentLayout() { return state.layouts.find((l) => l.name === state.layout) || state.layouts[0]; }

async function layoutChanged() {
  layoutChangedQuiet();
  // How the cards are set depends on the layout: the file is checked
  // again on it, as the working copy is redrawn.
  await Promise.all([refreshFaces(), revalidate()]);
  if (state.edited) saveSoon();
}

function layoutChangedQuiet() {
  const l = currentLayout();
  if (!l) return;
  const fixed = l.kind !== "duplex";
  $("#duplex-set").disabled = fixed;
  $("#offset-set").disabled = fixed;
  $("#duplex-note").hidden = !fixed;
  if (!fixed) $("#duplex-" + l.duplex).checked = true;
  renderHowTo();
  renderOffset();
}

function duplexChoice() {
  const l = currentLayout();
  if (l.kind !== "duplex") return "";
  const v = document.querySelector('input[name="duplex"]:checked')?.value || l.duplex;
  return v === l.duplex ? "" : v;
}

function renderHowTo() {
  const l = currentLayout();
  if (!l) return;
  const key = l.kind === "duplex" ? "how." + (duplexChoice() || l.duplex) : "how." + l.kind;
  $("#how-to-print").textContent = t(key);
}

function renderFormats() {
  const sel = $("#dl-format");
  const formats = state.info?.formats || ["csv"];
  // The format the teacher chose for this deck, else the one it came in.
  const current = state.dataFormat || (state.builtin ? "csv" : state.source?.format) || "csv";
  sel.replaceChildren(...formats.map((f) => el("option", { value: f, text: t("format." + f), selected: f === current })));
}

function applyWords() {
  document.documentElement.lang = ui;
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
  for (const b of document.querySelectorAll("[data-ui-lang]")) b.setAttribute("aria-pressed", String(b.dataset.uiLang === ui));
  document.title = "cardgen — " + t("title");
  $("#version").textContent = versionText();
  renderLayouts();
  renderOffset();
  if (state.deck || state.unreadable) renderAll();
}

// ---- the back offset: one field per axis, in mm, read with a decimal
// comma or point; what was understood is said beside them.

// readMM reads a number of mm as a person types it: "1,5", "-0.5", "−2",
// "1,5 mm"; "" is 0; NaN when it is not a number.
function readMM(s) {
  const v = s.trim().replace(/[\u2212\u2013]/g, "-").replace(/\s*mm$/i, "").replace(/\s+/g, "").replace(/^\+/, "");
  if (v === "") return 0;
  if (!/^-?(\d+([.,]\d*)?|[.,]\d+)$/.test(v)) return NaN;
  return Number(v.replace(",", "."));
}

// offset is the back offset the fields give: {x, y}, or {error} saying
// what is wrong.
function offset() {
  const out = {};
  for (const axis of ["x", "y"]) {
    const input = $("#offset-" + axis);
    const v = readMM(input.value);
    input.setAttribute("aria-invalid", String(!Number.isFinite(v) || Math.abs(v) > 20));
    if (!Number.isFinite(v)) out.error ??= t("offset.bad", input.value.trim());
    else if (Math.abs(v) > 20) out.error ??= t("offset.range", mm(v));
    out[axis] = v;
  }
  return out;
}

// offsetWords says where the backs move: "de 1,5 mm vers la droite et …".
function offsetWords(o) {
  return [o.x ? t("offset.x", o.x) : "", o.y ? t("offset.y", o.y) : ""].filter(Boolean).join(t("offset.and"));
}

function renderOffset() {
  const o = offset();
  const out = $("#offset-read");
  out.classList.toggle("bad", !!o.error);
  if (o.error) { out.textContent = o.error; return; }
  out.textContent = o.x || o.y ? t("offset.shift", offsetWords(o)) : t("offset.none");
  if (Math.abs(o.x) > 3 || Math.abs(o.y) > 3) out.textContent += " " + t("offset.large");
}

// ---- editing a card

let editing = null; // {index, opener}
let editTimer = null;
let editAbort = null;

function openEditor(i, opener) {
  const p = state.deck?.personas[i];
  if (!p) return;
  editing = { index: i, opener };
  $("#editor-h").textContent = t("edit.title", p.name);
  for (const input of document.querySelectorAll("#edit-form [data-field]")) {
    const f = input.dataset.field;
    if (f === "conditions") input.value = (p.conditions || []).join("\n");
    else if (f === "copies") input.value = p.copies || 1;
    else input.value = p[f] ?? "";
  }
  renderEditPreview();
  renderEditProblems();
  $("#editor").showModal();
  $("#f-name").focus();
}

function renderEditPreview() {
  const i = editing.index;
  const p = state.deck.personas[i];
  const f = state.faces.get(i);
  const probs = problemsOf(i);
  $("#edit-preview").replaceChildren(faceBox(p, i, "front", f?.front, probs), faceBox(p, i, "back", f?.back, probs));
}

function renderEditProblems() {
  if (!editing) return;
  const probs = problemsOf(editing.index);
  const box = $("#edit-problems");
  if (!probs.length) {
    box.replaceChildren(box.dataset.had === "1" ? el("p", { class: "ok", text: "✓ " + t("edit.ok") }) : "");
  } else {
    box.replaceChildren(el("ul", {}, ...probs.map((q) => el("li", {}, ...problemParts(q, false)))));
  }
  box.dataset.had = probs.length ? "1" : box.dataset.had || "0";
}

function editInput(e) {
  const input = e.target;
  const f = input.dataset.field;
  if (!f || !editing) return;
  const i = editing.index;
  const p = state.deck.personas[i];
  if (f === "conditions") p.conditions = input.value.split("\n").map((s) => s.trim()).filter(Boolean);
  else if (f === "copies") {
    const n = parseInt(input.value, 10);
    if (n > 1) p.copies = n; else delete p.copies;
  } else if (f === "id") p.id = input.value.trim();
  else if (input.value === "" && (f === "impact" || f === "country")) delete p[f];
  else p[f] = input.value;
  if (!state.touched.has(i)) state.touched.set(i, new Set());
  state.touched.get(i).add(baseField(f));
  if (f === "id") state.idsEdited = true;
  state.extra = [];
  if (!state.edited) { state.edited = true; renderStatus(); save(); } else saveSoon();
  clearTimeout(editTimer);
  editTimer = setTimeout(() => refreshCard(i), 150);
}

async function refreshCard(i) {
  if (editAbort) editAbort.abort();
  editAbort = new AbortController();
  const gen = state.generation;
  const { form, query } = cardDataset(i);
  try {
    const r = await api(url("/api/faces", { layout: state.layout, ...query }), { method: "POST", body: form, signal: editAbort.signal });
    if (gen !== state.generation) return;
    for (const c of r.cards) state.faces.set(c.index, c);
    // This card's problems are new; the others' stay as they were.
    state.live.set(i, r.problems.filter((p) => p.card === i));
  } catch (e) {
    if (e.name === "AbortError") return;
    showError(e);
    return;
  }
  if (editing && editing.index === i) { renderEditPreview(); renderEditProblems(); }
  // Ids: a duplicate concerns two cards.
  if (state.idsEdited) renderGrid(); else updateCard(i);
  renderProblems();
}

// updateCard redraws card i of the grid.
function updateCard(i) {
  const old = document.getElementById("card-" + i);
  const p = state.deck.personas[i];
  if (old && p) old.replaceWith(cardItem(p, i));
}

// ---- downloads

// selection chooses the cards to print by their ids: a deck whose ids
// are not all different cannot be printed anyway.
function selection() {
  if (!state.deck) return {};
  const all = state.deck.personas.map((p) => p.id);
  const picked = all.filter((_, i) => state.picked.has(i));
  if (picked.length === all.length) return {};
  // The shorter list: a long deck with a few cards left out names those.
  const left = all.filter((_, i) => !state.picked.has(i));
  return picked.length && left.length < picked.length ? { exclude: left.join(",") } : { only: picked.join(",") };
}

function printParams() {
  const l = currentLayout();
  const params = { layout: l.name, duplex: duplexChoice(), ink_saver: $("#ink-saver").checked ? "true" : "" };
  if (l.kind === "duplex") {
    const o = offset();
    if (o.error) throw localError(t("offset.fix") + " " + o.error);
    if (o.x || o.y) params.offset = `${o.x},${o.y}`;
  }
  return params;
}

async function download(kind) {
  const status = $("#dl-status");
  status.classList.remove("bad");
  const sel = selection();
  if (sel.only === "" && kind !== "calibrate" && kind !== "data") {
    status.textContent = t("download.noCard");
    status.classList.add("bad");
    return;
  }
  status.textContent = t("download.working");
  const { form, query } = dataset();
  let path, params, method = "POST", body = form;
  try {
    switch (kind) {
      case "pdf": path = "/api/build"; params = { ...printParams(), ...sel }; break;
      case "guide": path = "/api/guide"; params = { paper: currentLayout().paper === "Letter" ? "Letter" : "A4", ...sel }; break;
      case "calibrate": path = "/api/calibrate"; params = { ...printParams(), ink_saver: "", lang: ui }; method = "GET"; body = null; break;
      case "images": path = "/api/images"; params = { layout: state.layout, ...sel }; break;
      case "data": path = "/api/export"; params = { to: $("#dl-format").value }; break;
    }
    if (kind !== "calibrate") params = { ...params, ...query };
    const { blob, name } = await api(url(path, params), { method, body, blob: true });
    saveFile(blob, name);
    let said = t("download.done", name);
    if ((kind === "pdf" || kind === "calibrate") && params.offset) said += ". " + t("offset.shifted", offsetWords(offset()));
    if (kind === "data") said += dataNote();
    status.textContent = said;
  } catch (e) {
    status.classList.add("bad");
    if (e.body?.problems?.length) {
      status.textContent = t("download.problems");
      // What the list did not show yet (the list shows the file's, and
      // the working copy's edits).
      if (!shownProblems().length) state.extra = e.body.problems;
      renderProblems();
      renderGrid();
    } else {
      status.textContent = errorText(e);
    }
  }
}

// dataNote says, after the data was downloaded with problems left, how
// many remain and what the file lacks (what unknown columns held).
function dataNote() {
  const left = shownProblems();
  if (!left.length) return "";
  let s = " " + t("download.dataLeft", left.length);
  const cols = left.filter((p) => p.code === "unknown-field" && p.card == null && p.field).map((p) => p.field);
  if (cols.length) s += " " + t("download.dataColumns", cols.join(", "));
  return s;
}

function saveFile(blob, name) {
  const a = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}

// errorText says what went wrong with a request, in the page's language
// where the page knows the case; otherwise cardgen's own message (in
// English, as the problems are).
function errorText(e) {
  const b = e.body || {};
  switch (e.status) {
    case 0: return b.message; // the page's own (err.network)
    case 413: return t("err.tooBig", state.info?.limits || {});
    case 503: return t("err.unavailable");
    case 408: return t("err.slow");
  }
  if (e.local) return b.message;
  if (b.problems?.length) return t("err.problems", b.problems.length);
  let s = `${t("err.refused")} ${b.message || e.message}`;
  if (b.hint) s += ` (${b.hint})`;
  return s;
}

function mb(bytes) { return Math.round((bytes || 0) / (1 << 20)); }

function say(text) { $("#dl-status").textContent = text; $("#dl-status").classList.remove("bad"); }

function showError(e) {
  if (e.body?.problems?.length) {
    state.extra = e.body.problems;
    renderProblems();
    return;
  }
  const s = $("#dl-status");
  s.textContent = errorText(e);
  s.classList.add("bad");
  $("#deck-status").textContent = errorText(e);
}

// ---- start

function chooseUILang() {
  const saved = localStorage.getItem("cardgen-lang");
  if (saved === "fr" || saved === "en") return saved;
  for (const l of navigator.languages || [navigator.language]) {
    const base = (l || "").slice(0, 2).toLowerCase();
    if (base === "fr" || base === "en") return base;
  }
  return "fr";
}

// discard drops the working copy (the edits, and the copy the browser
// kept), back to the deck that comes with cardgen.
async function discard() {
  await forget();
  await loadBuiltin(state.info.languages.includes(ui) ? ui : "fr");
}

async function start() {
  ui = chooseUILang();
  // Events first: the page answers the keyboard even while it loads.
  for (const b of document.querySelectorAll("[data-ui-lang]")) {
    b.addEventListener("click", async () => {
      ui = b.dataset.uiLang;
      localStorage.setItem("cardgen-lang", ui);
      applyWords();
      // The deck that comes with cardgen follows, while it is unchanged.
      if (state.builtin && !state.edited && state.info?.languages.includes(ui) && state.source?.language !== ui) await loadBuiltin(ui);
    });
  }
  $("#file").addEventListener("change", (e) => {
    takeFiles([...e.target.files].map((f) => ({ file: f, path: f.webkitRelativePath || f.name })));
    e.target.value = "";
  });
  const drop = $("#drop");
  for (const ev of ["dragenter", "dragover"]) drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", async (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    takeFiles(await droppedItems(e.dataTransfer));
  });
  // A file dropped beside the zone must not replace the page.
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());
  $("#reset").addEventListener("click", () => {
    if (state.edited && !confirm(t("confirm.lose"))) return;
    discard();
  });
  $("#discard").addEventListener("click", () => {
    if (!confirm(t("confirm.lose"))) return;
    discard();
  });
  $("#deck-lang").addEventListener("change", (e) => {
    if (state.edited && !confirm(t("confirm.lose"))) { e.target.value = state.source.language; return; }
    if (state.builtin) forget().then(() => loadBuiltin(e.target.value));
    else readDataset(state.upload, e.target.value);
  });
  $("#pick-all").addEventListener("click", () => { state.picked = new Set(state.deck.personas.map((_, i) => i)); renderGrid(); });
  $("#pick-none").addEventListener("click", () => { state.picked = new Set(); renderGrid(); });
  $("#pick-cat").addEventListener("click", () => {
    const c = $("#cat").value;
    state.picked = new Set(state.deck.personas.flatMap((p, i) => p.category === c ? [i] : []));
    renderGrid();
  });
  for (const r of document.querySelectorAll('input[name="duplex"]')) r.addEventListener("change", renderHowTo);
  for (const axis of ["x", "y"]) $("#offset-" + axis).addEventListener("input", renderOffset);
  // The last keystrokes, when the tab closes before saveSoon.
  window.addEventListener("pagehide", () => { if (saveTimer) save(); });
  $("#dl-pdf").addEventListener("click", () => download("pdf"));
  $("#dl-guide").addEventListener("click", () => download("guide"));
  $("#dl-calibrate").addEventListener("click", () => download("calibrate"));
  $("#dl-images").addEventListener("click", () => download("images"));
  $("#dl-data").addEventListener("click", () => download("data"));
  $("#dl-format").addEventListener("change", (e) => { state.dataFormat = e.target.value; if (state.edited) saveSoon(); });
  $("#edit-form").addEventListener("input", editInput);
  $("#editor").addEventListener("close", () => {
    const { index, opener } = editing || {};
    editing = null;
    $("#edit-problems").dataset.had = "0";
    // The card was redrawn while editing: focus its new Edit button.
    const again = index != null && document.querySelector(`#card-${index} button.edit`);
    (again || opener)?.focus();
  });

  try {
    const [info, layouts] = await Promise.all([api("/api/info"), api("/api/layouts")]);
    state.info = info;
    state.layouts = layouts;
    $("#version").textContent = versionText();
    $("#dl-images").hidden = !info.png;
  } catch (e) {
    showError(e);
    return;
  }
  applyWords();
  layoutChangedQuiet();
  try {
    if (await restore()) return;
  } catch { /* a copy that cannot be read back: start afresh */ }
  const lang = state.info.languages.includes(ui) ? ui : "fr";
  try {
    await loadBuiltin(lang);
  } catch (e) {
    showError(e);
  }
}

start();
