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
    tagline: "Vos fichiers restent sur cet ordinateur : rien n'est envoyé sur Internet.",
    "source.title": "Vos cartes",
    "drop.text": "Pour travailler sur vos propres cartes, déposez ici votre fichier (un tableur : Excel .xlsx, LibreOffice .ods ou CSV ; ou YAML, JSON, Markdown) avec ses images : plusieurs fichiers à la fois, le dossier entier, ou un .zip du dossier.",
    "drop.choose": "Ou choisir les fichiers…",
    "drop.reset": "Revenir au jeu fourni avec cardgen",
    deckLang: "Langue des cartes",
    "problems.intro": "Chaque problème dit où il se trouve dans votre fichier. Corrigez-le dans votre fichier, ou avec le bouton « Modifier » de la carte.",
    "problems.title": (n) => n === 1 ? "1 problème à corriger" : `${n} problèmes à corriger`,
    "problems.unreadable": "Le fichier n'a pas pu être lu. Corrigez ces problèmes dans votre fichier, puis déposez-le à nouveau.",
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
    "print.offsetHelp": "Laissez 0 et 0, sauf si la feuille de calibrage a mesuré un décalage.",
    "print.offsetX": "Vers la droite (X)",
    "print.offsetY": "Vers le bas (Y)",
    "print.ink": "Encre",
    "print.inkSaver": "Économiser l'encre : cartes blanches, couleur seulement en fines bandes (bien pour une imprimante noir et blanc)",
    "kind.duplex": "Imprimante recto verso (école, maison)",
    "kind.fold": "Imprimante sans recto verso : on plie et on colle",
    "kind.print-shop": "Pour un imprimeur professionnel : une face par page",
    "layout.facts": (l) => l.kind === "print-shop"
      ? `Cartes de ${mm(l.card_width)} × ${mm(l.card_height)} mm, avec 3 mm de fond perdu`
      : `${paperName(l.paper)} · ${l.per_sheet} cartes de ${mm(l.card_width)} × ${mm(l.card_height)} mm par feuille`,
    "how.long": "Imprimez en recto verso, « retourner sur les bords longs », à taille réelle (100 %), jamais « ajuster à la page ». Puis coupez le long des traits de coupe.",
    "how.short": "Imprimez en recto verso, « retourner sur les bords courts », à taille réelle (100 %), jamais « ajuster à la page ». Puis coupez le long des traits de coupe.",
    "how.none": "Imprimez d'abord les pages de recto (la première moitié du PDF) sur une seule face, à taille réelle (100 %). Remettez la pile dans le bac pour que chaque feuille se retourne sur son bord long, puis imprimez les pages de verso (la seconde moitié).",
    "how.fold": "Imprimez sur une seule face, à taille réelle (100 %). Découpez chaque paire recto-verso, pliez-la le long du trait gris en pointillés, collez, puis coupez le long des traits de coupe.",
    "how.print-shop": "Envoyez le PDF à l'imprimeur : une face par page (recto puis verso de chaque carte), 3 mm de fond perdu compris.",
    "download.title": "Télécharger",
    "download.pdf": "Télécharger le PDF des cartes",
    "download.guide": "Fiche de l'animateur (PDF)",
    "download.calibrate": "Feuille de calibrage (PDF)",
    "download.images": "Images des cartes (PNG, dans un .zip)",
    "download.dataFormat": "Vos données, au format",
    "download.data": "Télécharger les données",
    "download.dataHelp": "Gardez ce fichier : il contient vos corrections. Vous pourrez le redéposer ici, ou l'ouvrir dans votre tableur.",
    "download.working": "Préparation…",
    "download.done": (name) => `Téléchargé : ${name}`,
    "download.noCard": "Choisissez au moins une carte.",
    "download.problems": "Le PDF n'a pas été fait : corrigez d'abord les problèmes listés en haut de la page.",
    "format.csv": "CSV (tableur : Excel, LibreOffice)",
    "format.yaml": "YAML",
    "format.json": "JSON",
    "format.md": "Markdown (texte)",
    "format.xlsx": "Excel (.xlsx)",
    "format.ods": "LibreOffice (.ods)",
    "edit.title": (name) => `Modifier la carte « ${name} »`,
    "edit.done": "Terminé",
    "edit.help": "Les aperçus se mettent à jour pendant que vous tapez. Vos modifications sont gardées dans cette page : téléchargez vos données pour les conserver.",
    "edit.ok": "Cette carte n'a plus de problème.",
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
    "field.copies": "Nombre d'exemplaires à imprimer",
    "field.image": "Image",
    "field.id": "Identifiant",
    "field.title": "Titre du jeu",
    "field.label": "Nom de la catégorie",
    "field.tags": "Étiquettes",
    "field.language": "Langue",
    "field.author": "Auteur",
    "field.color": "Couleur de la catégorie",
    "field.deck": "Titre du jeu",
    "where.cell": (c) => `cellule ${c}`,
    "where.line": (l) => `ligne ${l}`,
    "where.file": (f) => `dans ${f}`,
    "problem.hint": "À faire :",
    "problem.show": "Voir la carte",
    "status.builtin": (title, n) => `Le jeu fourni avec cardgen : « ${title} », ${n} cartes.`,
    "status.file": (name, n) => `Votre fichier ${name} : ${n} carte${n > 1 ? "s" : ""}.`,
    "status.edited": " Modifié dans cette page.",
    "status.edition": (lang, file) => ` Édition : ${lang.toLocaleLowerCase("fr")} (${file}).`,
    "status.reading": (name) => `Lecture de ${name}…`,
    "err.tooBig": (l) => `C'est trop volumineux : un fichier de données peut faire ${mb(l.dataset_bytes)} Mo, une image ${mb(l.picture_bytes)} Mo, et tout ce qui est envoyé à la fois ${mb(l.request_bytes)} Mo (${l.files} fichiers au plus).`,
    "err.unavailable": "cardgen est occupé, ou la demande a pris trop de temps et a été arrêtée. Réessayez dans un instant, avec moins de cartes ou des images plus petites.",
    "err.slow": "Les fichiers ont mis trop de temps à arriver. Envoyez-les à nouveau, ou envoyez des images moins nombreuses ou plus petites.",
    "err.refused": "cardgen a refusé la demande :",
    "err.busy": "cardgen est occupé ; nouvel essai dans un instant…",
    "err.network": "cardgen ne répond pas. Est-il toujours lancé ? Relancez-le, puis rechargez la page.",
    "err.noDataset": "Aucun fichier de données parmi les fichiers déposés (tableur .xlsx, .ods ou CSV, ou YAML, JSON, Markdown).",
    "err.severalDatasets": (names) => `Plusieurs fichiers de données (${names}) : déposez-en un seul à la fois.`,
    "confirm.lose": "Vos modifications des cartes seront perdues. Continuer ?",
    "foot.private": "cardgen fonctionne sur cet ordinateur ; vos fichiers n'en sortent pas.",
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
    "print.offsetHelp": "Leave 0 and 0 unless the calibration sheet measured an offset.",
    "print.offsetX": "To the right (X)",
    "print.offsetY": "Down (Y)",
    "print.ink": "Ink",
    "print.inkSaver": "Save ink: white cards, colour only in thin bands (good for a black-and-white printer)",
    "kind.duplex": "Double-sided printer (school, home)",
    "kind.fold": "Printer without double-sided printing: fold and glue",
    "kind.print-shop": "For a print shop: one face per page",
    "layout.facts": (l) => l.kind === "print-shop"
      ? `${mm(l.card_width)} × ${mm(l.card_height)} mm cards, with 3 mm bleed`
      : `${paperName(l.paper)} · ${l.per_sheet} cards of ${mm(l.card_width)} × ${mm(l.card_height)} mm a sheet`,
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
    "format.csv": "CSV (spreadsheet: Excel, LibreOffice)",
    "format.yaml": "YAML",
    "format.json": "JSON",
    "format.md": "Markdown (text)",
    "format.xlsx": "Excel (.xlsx)",
    "format.ods": "LibreOffice (.ods)",
    "edit.title": (name) => `Edit the card “${name}”`,
    "edit.done": "Done",
    "edit.help": "The previews change as you type. Your changes are kept in this page: download your data to keep them.",
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
    "field.title": "Title of the deck",
    "field.label": "Name of the category",
    "field.tags": "Tags",
    "field.language": "Language",
    "field.author": "Author",
    "field.color": "Colour of the category",
    "field.deck": "Title of the deck",
    "where.cell": (c) => `cell ${c}`,
    "where.line": (l) => `line ${l}`,
    "where.file": (f) => `in ${f}`,
    "problem.hint": "To do:",
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
  return typeof w === "function" ? w(...args) : w;
}
function mm(v) { return String(Math.round(v * 10) / 10).replace(".", ui === "fr" ? "," : "."); }
function paperName(p) { return p === "Letter" ? (ui === "fr" ? "Lettre US" : "US Letter") : p; }

// ---- state

const state = {
  info: null,
  layouts: [],
  builtin: true, // the deck that comes with cardgen
  edited: false, // changed in the page since it was loaded
  deck: null, // working copy: {deck, categories, personas}
  source: null, // {source, name, format, folder, language, languages}
  where: null, // where fields are in the teacher's file
  pictures: new Map(), // path from the dataset's folder → Blob
  picturesZip: null, // a .zip to send whole when the browser cannot open it
  faces: new Map(), // id → {front, back}
  problems: [], // the working copy's, as the last answers gave them
  fileProblems: [], // the teacher's files' own, as validate found them (see shownProblems)
  touched: new Set(), // ids of the cards edited in the page
  upload: null, // {form, name, pictures, zip}: the teacher's files, to read another edition of them
  dataFormat: null, // the format chosen to download the data in, for this deck
  unreadable: false,
  picked: new Set(),
  layout: "a4",
  generation: 0, // bumped on each new deck: late answers for an old one are dropped
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
    if (blob) return { blob: await res.blob(), name: fileName(res) };
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
// the pictures (all, or only those of the cards in only).
function dataset() {
  if (state.builtin && !state.edited) return { form: null, query: { lang: state.source.language } };
  return workingCopy(state.deck);
}

// cardDataset is the form data that carries one card alone, with the deck's
// title and categories, and the query that says its place in the whole
// deck: the server redraws it in the same time whatever the deck's size.
function cardDataset(id) {
  const i = state.deck.personas.findIndex((p) => p.id === id);
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

// ---- the deck

async function loadBuiltin(lang) {
  const gen = ++state.generation;
  const d = await api(url("/api/deck", { lang }));
  if (gen !== state.generation) return;
  Object.assign(state, {
    builtin: true, edited: false, deck: d.dataset, where: d.where, pictures: new Map(), picturesZip: null, upload: null, dataFormat: null,
    source: { source: d.source, name: d.name, format: d.format, language: d.language, languages: d.languages },
    problems: [], fileProblems: [], touched: new Set(), unreadable: false, faces: new Map(),
  });
  state.picked = new Set(state.deck.personas.map((p) => p.id));
  renderAll();
  await refreshFaces();
}

async function refreshFaces() {
  if (!state.deck) return;
  const gen = state.generation;
  $("#cards-loading").hidden = false;
  const { form, query } = dataset();
  try {
    const r = await api(url("/api/faces", { layout: state.layout, ...query }), { method: "POST", body: form });
    if (gen !== state.generation) return;
    state.faces = new Map(r.cards.map((c) => [c.id, c]));
    state.problems = r.problems;
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
  const form = new FormData();
  form.append("data", data.file, data.path.split("/").pop());
  for (const [p, f] of pictures) form.append("images", f, p);
  await readDataset({ form, name: data.path.split("/").pop(), pictures, zip: null });
}

async function takeZip(zip) {
  const form = new FormData();
  form.append("data", zip, zip.name || "deck.zip");
  await readDataset({ form, name: zip.name || "deck.zip", pictures: null, zip });
}

// readDataset sends the teacher's files to be checked and read, in the
// edition of lang ("" for the file's own language), and shows the deck.
async function readDataset(upload, lang = "") {
  const gen = ++state.generation;
  const { form, name, zip } = upload;
  let pictures = upload.pictures;
  $("#deck-status").textContent = t("status.reading", name);
  let r;
  try {
    r = await api(url("/api/validate", { layout: state.layout, lang }), { method: "POST", body: form });
  } catch (e) {
    showError(e);
    return;
  }
  if (gen !== state.generation) return;
  if (!r.deck) {
    Object.assign(state, { builtin: false, edited: false, deck: null, where: null, faces: new Map(), problems: [], fileProblems: r.problems,
      touched: new Set(), unreadable: true, upload,
      source: { source: name, name: name.replace(/\.[^.]+$/, ""), format: "", language: "", languages: [] } });
    renderAll();
    $("#problems-h").focus();
    return;
  }
  const d = r.deck;
  if (zip) pictures = await picturesOf(zip, d.folder || "");
  Object.assign(state, {
    builtin: false, edited: false, deck: d.dataset, where: d.where, upload, dataFormat: null,
    source: { source: d.source, name: d.name, format: d.format, folder: d.folder, language: d.language, languages: d.languages, untitled: d.untitled },
    pictures: pictures instanceof Map ? pictures : new Map(), picturesZip: pictures instanceof Map ? null : zip,
    // Those found setting the cards come again with the working copy's
    // faces, on the layout chosen then.
    problems: [], fileProblems: r.problems.filter((p) => !p.typesetting), touched: new Set(), unreadable: false, faces: new Map(),
  });
  state.picked = new Set(state.deck.personas.map((p) => p.id));
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
  $("#reset").hidden = state.builtin;
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
    return el("option", { value: c.id, text: `${c.label} (${n})` });
  }));
  $("#f-category").replaceChildren(...cats.map((c) => el("option", { value: c.id, text: c.label })));
}

function problemsOf(id) { return shownProblems().filter((p) => p.persona === id); }

// shownProblems are the working copy's problems, and those of the teacher's
// files that the working copy cannot show (an unknown column, a card
// missing from another edition), unless the card was edited in the page
// since, or the working copy has a problem with the same field.
function shownProblems() {
  const live = new Set(state.problems.map((p) => `${p.persona || ""}\u0000${p.field || ""}`));
  const file = state.fileProblems.filter((p) => !(p.persona && state.touched.has(p.persona)) && !live.has(`${p.persona || ""}\u0000${p.field || ""}`));
  return state.problems.concat(file);
}

function renderGrid() {
  const personas = state.deck?.personas || [];
  $("#grid").replaceChildren(...personas.map(cardItem));
  renderCount();
}

// cardItem is one card of the grid: its checkbox, both faces, its problems
// and its Edit button.
function cardItem(p) {
  const probs = problemsOf(p.id);
  const f = state.faces.get(p.id);
  const pick = el("input", { type: "checkbox", id: "pick-" + p.id, checked: state.picked.has(p.id) });
  const label = el("label", { for: "pick-" + p.id },
    el("span", { class: "name", text: p.name }), " ",
    el("span", { class: "role", text: p.role + (p.copies > 1 ? " · " + t("card.copies", p.copies) : "") }));
  const faces = el("div", { class: "faces" }, faceBox(p, "front", f?.front), faceBox(p, "back", f?.back));
  const edit = el("button", { type: "button", class: "edit", text: t("card.edit") });
  edit.setAttribute("aria-label", `${t("card.edit")} ${p.name}`);
  edit.addEventListener("click", () => openEditor(p.id, edit));
  const list = probs.length ? el("ul", { class: "card-problems" }, ...probs.map((q) => el("li", {}, ...problemParts(q, false)))) : null;
  const actions = el("div", { class: "card-actions" },
    probs.length ? el("span", { class: "badge", text: "⚠ " + t("card.problems", probs.length) }) : el("span"), edit);
  const li = el("li", { class: "card" + (probs.length ? " has-problem" : "") + (state.picked.has(p.id) ? "" : " unpicked"), id: "card-" + p.id, "data-id": p.id },
    el("div", { class: "card-head" }, pick, label), faces, list, actions);
  pick.addEventListener("change", () => {
    if (pick.checked) state.picked.add(p.id); else state.picked.delete(p.id);
    li.classList.toggle("unpicked", !pick.checked);
    renderCount();
  });
  return li;
}

function faceBox(p, side, svg) {
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
  if (state.faces.size && problemsOf(p.id).length) box.append(el("p", { class: "cannot", text: t("card.cannot") }));
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
  const n = state.deck ? state.deck.personas.filter((p) => state.picked.has(p.id)).length : 0;
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

// placeOf says where a problem is in the teacher's own file.
// editionFile is the file the page's cards come from: the teacher's, or
// the edition beside it (deck.en.csv) that the page shows.
function editionFile() {
  const ext = (/\.[^.]+$/.exec(state.source.source) || [""])[0];
  return state.source.language && state.source.language !== state.source.languages[0]
    ? stem() + "." + state.source.language + ext : state.source.source;
}

function placeOf(p) {
  if (state.builtin || !state.source) return ""; // the deck that comes with cardgen: no file to open
  let place = null, file = editionFile();
  if (p.file && p.file !== stem() + ".json" && (p.line || p.cell)) {
    // A problem of one of the teacher's files, at its place in it.
    place = { line: p.line, cell: p.cell };
    file = p.file;
  } else if (state.where) {
    // A problem of the working copy: where the field is in the teacher's file.
    if (p.persona) {
      const w = state.where.personas?.[p.persona] || {};
      place = w[p.field] || w[(p.field || "").replace(/\[\d+\]$/, "")] || w[""];
    } else if (p.field && state.where.deck?.[p.field]) place = state.where.deck[p.field];
  }
  if (!place) return "";
  const where = place.cell ? t("where.cell", place.cell) : place.line ? t("where.line", place.line) : "";
  return where && file !== state.source.source ? `${t("where.file", file)}, ${where}` : where;
}

function personaName(id) {
  return state.deck?.personas.find((p) => p.id === id)?.name || id;
}

function problemParts(p, withCard) {
  const parts = [];
  const where = [withCard && p.persona ? personaName(p.persona) : "", placeOf(p), fieldName(p.field)].filter(Boolean).join(" · ");
  if (where) parts.push(el("span", { class: "where", text: where + " — " }));
  // cardgen words its problems in English; the page says the commonest in
  // its own language. Those it does not are marked as English, for screen
  // readers.
  const { message, hint, own } = plain(p);
  const lang = own ? ui : "en";
  parts.push(el("span", { class: "msg", lang, text: message + (/[.!?]$/.test(message) ? "" : ".") }));
  if (hint) {
    parts.push(" ", el("span", { class: "hint" }, `${t("problem.hint")} `,
      el("span", { class: "msg", lang, text: hint + (/[.!?]$/.test(hint) ? "" : ".") })));
  }
  return parts;
}

// plain says the commonest problems in the page's words; the others are
// shown as cardgen words them.
const PLAIN = [
  [/^on the (front|back) of a .* card \(layout [^)]*\): does not fit at [^:]*: needs .* \(about (\d+)% too long\)$/, (m) => ({
    fr: [`trop long pour la carte (au ${m[1] === "front" ? "recto" : "verso"}) : environ ${m[2]} % de trop`, "raccourcissez le texte, ou choisissez une mise en page à plus grandes cartes"],
    en: [`too long for the card (on the ${m[1]}): about ${m[2]} % too long`, "shorten the text, or choose a layout with larger cards"],
  })],
  [/^on the (front|back) of a .* card \(layout [^)]*\): does not fit at [^:]*: needs (\d+) lines, at most (\d+) allowed$/, (m) => ({
    fr: [`trop long pour la carte (au ${m[1] === "front" ? "recto" : "verso"}) : ${m[2]} lignes, ${m[3]} au plus`, "raccourcissez le texte"],
    en: [`too long for the card (on the ${m[1]}): ${m[2]} lines, at most ${m[3]}`, "shorten the text"],
  })],
  [/the word "(.+)" is [\d.]+ mm wide, wider than its [\d.]+ mm line$/, (m) => ({
    fr: [`le mot « ${m[1]} » est trop long pour tenir sur une ligne`, "raccourcissez-le, ou écrivez un trait d'union là où il peut être coupé"],
    en: [`the word “${m[1]}” is too long to fit on a line`, "shorten it, or write a hyphen where it may break"],
  })],
  [/^the font \S+ has no glyph for (.+)$/, (m) => ({
    fr: [`ces caractères ne peuvent pas être imprimés : ${m[1]}`, "remplacez-les ou supprimez-les (les émojis et les symboles rares ne s'impriment pas)"],
    en: [`these characters cannot be printed: ${m[1]}`, "replace or remove them (emoji and rare symbols cannot be printed)"],
  })],
  [/^image "(.+)" not found$/, (m) => ({
    fr: [`l'image « ${m[1]} » est introuvable`, "vérifiez son nom, et déposez l'image avec le fichier (ou le dossier entier, ou un .zip du dossier)"],
    en: [`the picture “${m[1]}” is missing`, "check its name, and drop the picture with the file (or the whole folder, or a .zip of it)"],
  })],
  [/^missing from the (\S+) edition \((.+)\)$/, (m) => ({
    fr: [`absente de l'édition ${languageName(m[1]).toLocaleLowerCase("fr")} (${m[2]})`, "traduisez-la aussi dans ce fichier, ou donnez à sa traduction le même identifiant"],
    en: [`missing from the ${languageName(m[1])} edition (${m[2]})`, "translate it there too, or give its translation the same id"],
  })],
  [/^not in (\S+)$/, (m) => ({
    fr: [`absente de ${m[1]}`, "chaque édition a les mêmes identifiants : donnez-lui celui de la carte qu'elle traduit"],
    en: [`not in ${m[1]}`, "every edition has the same ids: give it the id of the card it translates"],
  })],
  [/^missing$/, () => ({ fr: ["manquant : à remplir", ""], en: ["missing: fill it in", ""] })],
  [/^empty$/, () => ({ fr: ["vide : à remplir", ""], en: ["empty: fill it in", ""] })],
];

function plain(p) {
  for (const [re, words] of PLAIN) {
    const m = re.exec(p.message);
    if (m) {
      const [message, hint] = words(m)[ui];
      return { message: message.charAt(0).toUpperCase() + message.slice(1), hint, own: true };
    }
  }
  return { message: p.message.charAt(0).toUpperCase() + p.message.slice(1), hint: p.hint, own: ui === "en" };
}

function renderProblems() {
  const sec = $("#problems");
  const list = shownProblems();
  sec.hidden = list.length === 0;
  $("#problems-title").textContent = t("problems.title", list.length);
  $("#problems-intro").textContent = state.unreadable ? t("problems.unreadable") : t("problems.intro");
  $("#problem-list").replaceChildren(...list.map((p) => {
    const li = el("li", {}, ...problemParts(p, true));
    if (p.persona && state.deck?.personas.some((x) => x.id === p.persona)) {
      const b = el("button", { type: "button", text: t("card.edit") });
      b.setAttribute("aria-label", `${t("card.edit")} ${personaName(p.persona)}`);
      b.addEventListener("click", () => openEditor(p.persona, b));
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
    return el("div", { class: "layout" }, input,
      el("label", { for: id },
        el("span", { class: "what", text: t("kind." + l.kind) }),
        el("span", { class: "facts", id: id + "-facts", text: t("layout.facts", l) + ` (${l.name})` })));
  }));
}

function currentLayout() { return state.layouts.find((l) => l.name === state.layout) || state.layouts[0]; }

function layoutChanged() {
  const l = currentLayout();
  const fixed = l.kind !== "duplex";
  $("#duplex-set").disabled = fixed;
  $("#offset-set").disabled = fixed;
  $("#duplex-note").hidden = !fixed;
  if (!fixed) $("#duplex-" + l.duplex).checked = true;
  renderHowTo();
  refreshFaces();
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
  renderLayouts();
  if (state.deck || state.unreadable) renderAll();
}

// ---- editing a card

let editing = null; // {id, opener}
let editTimer = null;
let editAbort = null;

function openEditor(id, opener) {
  const p = state.deck.personas.find((x) => x.id === id);
  if (!p) return;
  editing = { id, opener };
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
  const p = state.deck.personas.find((x) => x.id === editing.id);
  const f = state.faces.get(editing.id);
  $("#edit-preview").replaceChildren(faceBox(p, "front", f?.front), faceBox(p, "back", f?.back));
}

function renderEditProblems() {
  if (!editing) return;
  const probs = problemsOf(editing.id);
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
  const p = state.deck.personas.find((x) => x.id === editing.id);
  if (f === "conditions") p.conditions = input.value.split("\n").map((s) => s.trim()).filter(Boolean);
  else if (f === "copies") {
    const n = parseInt(input.value, 10);
    if (n > 1) p.copies = n; else delete p.copies;
  } else if (input.value === "" && (f === "impact" || f === "country")) delete p[f];
  else p[f] = input.value;
  if (!state.edited) { state.edited = true; renderStatus(); }
  clearTimeout(editTimer);
  editTimer = setTimeout(() => refreshCard(editing.id), 150);
}

async function refreshCard(id) {
  if (editAbort) editAbort.abort();
  editAbort = new AbortController();
  const gen = state.generation;
  state.touched.add(id);
  const { form, query } = cardDataset(id);
  try {
    const r = await api(url("/api/faces", { layout: state.layout, only: id, ...query }), { method: "POST", body: form, signal: editAbort.signal });
    if (gen !== state.generation) return;
    for (const c of r.cards) state.faces.set(c.id, c);
    // This card's problems are new; the others' stay as they were.
    state.problems = state.problems.filter((p) => p.persona !== id).concat(r.problems.filter((p) => p.persona === id));
  } catch (e) {
    if (e.name === "AbortError") return;
    showError(e);
    return;
  }
  if (editing && editing.id === id) { renderEditPreview(); renderEditProblems(); }
  updateCard(id);
  renderProblems();
}

// updateCard redraws one card of the grid.
function updateCard(id) {
  const old = document.getElementById("card-" + id);
  const p = state.deck.personas.find((x) => x.id === id);
  if (old && p) old.replaceWith(cardItem(p));
}

// ---- downloads

function selection() {
  if (!state.deck) return {};
  const all = state.deck.personas.map((p) => p.id);
  const picked = all.filter((id) => state.picked.has(id));
  if (picked.length === all.length) return {};
  // The shorter list: a long deck with a few cards left out names those.
  const left = all.filter((id) => !state.picked.has(id));
  return picked.length && left.length < picked.length ? { exclude: left.join(",") } : { only: picked.join(",") };
}

function printParams() {
  const l = currentLayout();
  const params = { layout: l.name, duplex: duplexChoice(), ink_saver: $("#ink-saver").checked ? "true" : "" };
  if (l.kind === "duplex") {
    const x = Number($("#offset-x").value) || 0, y = Number($("#offset-y").value) || 0;
    if (x || y) params.offset = `${x},${y}`;
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
  switch (kind) {
    case "pdf": path = "/api/build"; params = { ...printParams(), ...sel }; break;
    case "guide": path = "/api/guide"; params = { paper: currentLayout().paper === "Letter" ? "Letter" : "A4", ...sel }; break;
    case "calibrate": path = "/api/calibrate"; params = { ...printParams(), ink_saver: "", lang: ui }; method = "GET"; body = null; break;
    case "images": path = "/api/images"; params = { layout: state.layout, ...sel }; break;
    case "data": path = "/api/export"; params = { to: $("#dl-format").value }; break;
  }
  if (kind !== "calibrate") params = { ...params, ...query };
  try {
    const { blob, name } = await api(url(path, params), { method, body, blob: true });
    save(blob, name);
    status.textContent = t("download.done", name);
  } catch (e) {
    status.classList.add("bad");
    if (e.body?.problems?.length && kind !== "data") {
      status.textContent = t("download.problems");
      state.problems = e.body.problems;
      renderProblems();
      renderGrid();
    } else {
      status.textContent = errorText(e);
    }
  }
}

function save(blob, name) {
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
  let s = `${t("err.refused")} ${b.message || e.message}`;
  if (b.hint) s += ` (${b.hint})`;
  return s;
}

function mb(bytes) { return Math.round((bytes || 0) / (1 << 20)); }

function say(text) { $("#dl-status").textContent = text; $("#dl-status").classList.remove("bad"); }

function showError(e) {
  if (e.body?.problems?.length) {
    state.problems = e.body.problems;
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
    loadBuiltin(ui);
  });
  $("#deck-lang").addEventListener("change", (e) => {
    if (state.edited && !confirm(t("confirm.lose"))) { e.target.value = state.source.language; return; }
    if (state.builtin) loadBuiltin(e.target.value);
    else readDataset(state.upload, e.target.value);
  });
  $("#pick-all").addEventListener("click", () => { state.picked = new Set(state.deck.personas.map((p) => p.id)); renderGrid(); });
  $("#pick-none").addEventListener("click", () => { state.picked = new Set(); renderGrid(); });
  $("#pick-cat").addEventListener("click", () => {
    const c = $("#cat").value;
    state.picked = new Set(state.deck.personas.filter((p) => p.category === c).map((p) => p.id));
    renderGrid();
  });
  for (const r of document.querySelectorAll('input[name="duplex"]')) r.addEventListener("change", renderHowTo);
  $("#dl-pdf").addEventListener("click", () => download("pdf"));
  $("#dl-guide").addEventListener("click", () => download("guide"));
  $("#dl-calibrate").addEventListener("click", () => download("calibrate"));
  $("#dl-images").addEventListener("click", () => download("images"));
  $("#dl-data").addEventListener("click", () => download("data"));
  $("#dl-format").addEventListener("change", (e) => { state.dataFormat = e.target.value; });
  $("#edit-form").addEventListener("input", editInput);
  $("#editor").addEventListener("close", () => {
    const { id, opener } = editing || {};
    editing = null;
    $("#edit-problems").dataset.had = "0";
    // The card was redrawn while editing: focus its new Edit button.
    const again = id && document.querySelector(`#card-${CSS.escape(id)} button.edit`);
    (again || opener)?.focus();
  });

  try {
    const [info, layouts] = await Promise.all([api("/api/info"), api("/api/layouts")]);
    state.info = info;
    state.layouts = layouts;
    $("#version").textContent = info.version || "";
    $("#dl-images").hidden = !info.png;
  } catch (e) {
    showError(e);
    return;
  }
  applyWords();
  layoutChangedQuiet();
  const lang = state.info.languages.includes(ui) ? ui : "fr";
  try {
    await loadBuiltin(lang);
  } catch (e) {
    showError(e);
  }
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
}

start();
