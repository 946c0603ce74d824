// The form's own words and checks, then the CMS starts (fore.js holds the start back).
// 1. Words: Decap's Swedish locale with the strings it lacks, and ours where its words mislead
//    (a blog's "inlägg", English "Oops", dates in English).
// 2. Checks before a save (preSave): one report per action, a status with at least one note,
//    real dates that have been. What only the pull request's check can catch is said there.
// 3. The list and the workflow name each report's action ("1.1 Tydliggöra …").
(function () {
  "use strict";
  var REPORTS = "uppfoljning"; // the collection of one file per action (boras_plan/cms_config.py)
  var SITE = "webbplats";

  var words = {
    auth: { loginWithForgejo: "Logga in med Forgejo" },
    app: { header: { quickAdd: "Ny", media: "Filer" } },
    collection: {
      collectionTop: {
        newButton: "+ Ny rapport",
        newButtonAriaLabel: "Skapa en ny rapport",
        viewAsList: "Visa som lista",
        viewAsGrid: "Visa som rutnät",
      },
      entries: {
        loadingEntries: "Hämtar …",
        cachingEntries: "Hämtar …",
        noEntries: "Här finns inget ännu.",
        unpublishedHeader: "Utkast som inte är publicerade",
      },
    },
    editor: {
      editorControl: { field: { widgetLabel: "fältet %{widgetLabel}" } },
      editorControlPane: {
        widget: {
          regexPattern: "%{pattern}",
          rangeMin: "%{fieldLabel}: lägg till minst %{minCount}.",
          rangeCount: "%{fieldLabel}: mellan %{minCount} och %{maxCount}.",
          rangeCountExact: "%{fieldLabel}: exakt %{count}.",
          rangeMax: "%{fieldLabel}: högst %{maxCount}.",
        },
        i18n: {
          copyFromLocale: "Fyll i från ett annat språk",
          copyFromLocaleConfirm: "Vill du fylla i uppgifterna från språket %{locale}?\nAllt befintligt innehåll skrivs över.",
        },
      },
      editor: {
        onPublishing: "Vill du publicera ändringen? Den syns på webbplatsen när kontrollerna har gått igenom.",
        onUnpublishing: "Vill du ta bort det här från webbplatsen?",
        onDeleteWithUnsavedChanges: "Vill du ta bort det här, också det du inte har sparat?",
        onDeletePublishedEntry: "Vill du ta bort det här från webbplatsen?",
        onDeleteUnpublishedChangesWithUnsavedChanges: "Alla ändringar som inte är publicerade tas bort, också det du inte har sparat. Vill du det?",
        onDeleteUnpublishedChanges: "Alla ändringar som inte är publicerade tas bort. Vill du det?",
        loadingEntry: "Hämtar …",
        confirmLoadBackup: "Webbläsaren har en osparad kopia av den här sidan. Vill du fortsätta med den?",
        onUpdatingWithUnsavedChanges: "Spara dina ändringar innan du ändrar status.",
        onPublishingNotReady: "Ändra status till ”Redo” innan du publicerar.",
        onPublishingWithUnsavedChanges: "Spara dina ändringar innan du publicerar.",
      },
      editorInterface: { toggleNotes: "Visa eller dölj anteckningar" },
      editorNotesPane: {
        title: "Anteckningar",
        emptyState: "Inga anteckningar ännu. Skriv den första nedan.",
        addNote: "Lägg till anteckning",
        addPlaceholder: "Skriv en anteckning …",
        editPlaceholder: "Ändra anteckningen …",
        save: "Spara",
        cancel: "Avbryt",
        edit: "Ändra",
        delete: "Ta bort",
        resolve: "Markera som klar",
        unresolve: "Markera som ej klar",
        confirmDelete: "Vill du ta bort anteckningen?",
        shortcut: "Tips: Ctrl+Enter lägger till anteckningen",
      },
      editorToolbar: {
        updating: "Ändrar …",
        publishing: "Publicerar …",
        saving: "Sparar …",
        deleting: "Tar bort …",
        deleteUnpublishedChanges: "Ta bort ändringarna",
        deleteUnpublishedEntry: "Ta bort utkastet",
        deletePublishedEntry: "Ta bort",
        deleteEntry: "Ta bort",
        backCollection: "Tillbaka till %{collectionLabel}",
        deployPreviewPendingButtonLabel: "",
        deployPreviewButtonLabel: "",
        deployButtonLabel: "",
        statusInfoTooltipDraft: "Utkastet syns bara här i formuläret. Välj ”Redo” när det kan publiceras, eller ”Under granskning” om någon annan ska läsa det först.",
        statusInfoTooltipInReview: "Någon läser ändringen. När den är godkänd, välj ”Redo”; sedan kan den publiceras.",
      },
      editorWidgets: {
        markdown: { strikethrough: "Genomstruken", toggleMode: { rich: "Byt till formaterad text", markdown: "Byt till Markdown" } },
        image: { chooseMultiple: "Välj bilder", addMore: "Lägg till fler bilder", removeAll: "Ta bort alla bilder" },
        file: { chooseMultiple: "Välj filer", addMore: "Lägg till fler filer", removeAll: "Ta bort alla filer" },
        datetime: { setToNow: "Sätt %{fieldLabel} till nu" },
        list: { add: "Lägg till %{item}", addType: "Lägg till %{item}" },
        object: { expand: "Visa", collapse: "Dölj" },
      },
    },
    mediaLibrary: { mediaLibraryModal: { close: "Stäng" } },
    ui: {
      settingsDropdown: { account: "Kontoinställningar" },
      toast: {
        onFailToLoadEntries: "Kunde inte hämta: %{details}",
        onFailToPersist: "Kunde inte spara. %{details}",
        onFailToDelete: "Kunde inte ta bort: %{details}",
        missingRequiredField: "Något obligatoriskt saknas. Fyll i fälten som är markerade och spara igen.",
        entrySaved: "Sparat",
        entryPublished: "Publicerat",
        entryUnpublished: "Borttaget från webbplatsen",
        onFailToUnpublishEntry: "Kunde inte ta bort från webbplatsen: %{details}",
        entryUpdated: "Status ändrad",
        noteAdded: "Anteckningen har lagts till",
        onFailToAddNote: "Anteckningen kunde inte läggas till: %{details}",
        noteUpdated: "Anteckningen har ändrats",
        onFailToUpdateNote: "Anteckningen kunde inte ändras: %{details}",
        noteDeleted: "Anteckningen har tagits bort",
        onFailToDeleteNote: "Anteckningen kunde inte tas bort: %{details}",
        noteResolved: "Anteckningen är markerad som klar",
        noteReopened: "Anteckningen är öppnad igen",
        onFailToToggleNote: "Anteckningen kunde inte ändras: %{details}",
      },
    },
    workflow: {
      workflow: {
        loading: "Hämtar utkasten …",
        workflowHeading: "Arbetsflöde",
        newPost: "Ny rapport",
        description: "%{smart_count} väntar på granskning, %{readyCount} är redo att publiceras. |||| %{smart_count} väntar på granskning, %{readyCount} är redo att publiceras.",
        dateFormat: "YYYY-MM-DD",
      },
      workflowCard: {
        deleteChanges: "Ta bort ändringarna",
        deleteNewEntry: "Ta bort utkastet",
        publishChanges: "Publicera",
        publishNewEntry: "Publicera",
      },
      workflowList: {
        onDeleteEntry: "Vill du ta bort ändringen?",
        onPublishingNotReadyEntry: "Bara det som har status ”Redo” kan publiceras. Dra kortet till kolumnen ”Redo” först.",
        onPublishEntry: "Vill du publicera ändringen?",
        currentEntries: "%{smart_count} ändring |||| %{smart_count} ändringar",
      },
    },
  };

  function merged(base, ours) {
    var out = {};
    Object.keys(base || {}).forEach(function (key) { out[key] = base[key]; });
    Object.keys(ours).forEach(function (key) {
      var value = ours[key];
      out[key] = value && typeof value === "object" ? merged(out[key], value) : value;
    });
    return out;
  }

  // --- Checks before a save ---------------------------------------------------------------

  function refuse(message) {
    var error = new Error(message);
    error.name = ""; // the toast shows the message alone, not "Error: …"
    throw error;
  }

  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function dateProblem(value) {
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return "skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-03";
    var parts = value.split("-").map(Number);
    var day = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    if (day.getUTCFullYear() !== parts[0] || day.getUTCMonth() !== parts[1] - 1 || day.getUTCDate() !== parts[2]) {
      return value + " finns inte i kalendern";
    }
    if (value > today()) return value + " har inte varit än; skriv dagens datum eller ett tidigare";
    return null;
  }

  function state() {
    return window.borasForm.store.getState();
  }

  function reportsFolder() {
    var collection = state().collections.get(REPORTS);
    return collection.get("folder") + "/";
  }

  // Does the action have a report, published or as a draft? Asked through Decap's own backend
  // (decap-server or GitHub), as Decap itself asks before it names a new file.
  function hasReport(id) {
    var current = state();
    var backend = CMS.getBackend(current.config.backend.name).init(current.config, { initialWorkflowStatus: "draft" });
    var user = current.auth && current.auth.user;
    return Promise.resolve(user ? backend.restoreUser(user) : null).then(function () {
      var draft = backend.unpublishedEntry({ collection: REPORTS, slug: id }).then(Boolean, function () { return false; });
      var published = backend.getEntry(reportsFolder() + id + ".yaml").then(function (file) { return Boolean(file && file.data); }, function () { return false; });
      return Promise.all([draft, published]).then(function (found) { return found[0] || found[1]; });
    });
  }

  function checkReport(data) {
    var id = data.get("id");
    if (!id) refuse("Välj åtgärden som rapporten gäller.");
    if (!data.get("status")) refuse("Åtgärd " + id + ": välj en status.");
    var notes = data.get("log");
    if (!notes || notes.size === 0) refuse("Åtgärd " + id + ": en rapport behöver minst en anteckning. Lägg till en anteckning med datum och text.");
    notes.forEach(function (note, index) {
      var problem = dateProblem(String((note && note.get("date")) || ""));
      if (problem) refuse("Åtgärd " + id + ", anteckning " + (index + 1) + ", Datum: " + problem + ".");
      if (!String(note.get("text") || "").trim()) refuse("Åtgärd " + id + ", anteckning " + (index + 1) + ": skriv vad som har hänt.");
    });
    return id;
  }

  // Unset optional groups stay unset: a group the editor opened and left empty is saved as unset.
  function empty(value) {
    if (value === null || value === undefined || value === "") return true;
    if (Array.isArray(value)) return false; // an empty list is a list
    if (typeof value === "object") return Object.keys(value).every(function (key) { return empty(value[key]); });
    return false;
  }

  function preSave(event) {
    var entry = event.entry;
    var collection = entry.get("collection");
    if (collection === SITE) {
      var data = entry.get("data");
      var plain = data.toJS();
      Object.keys(plain).forEach(function (section) {
        var fields = plain[section];
        if (!fields || typeof fields !== "object" || Array.isArray(fields)) return;
        Object.keys(fields).forEach(function (field) {
          var value = fields[field];
          if (value && typeof value === "object" && !Array.isArray(value) && empty(value)) data = data.setIn([section, field], null);
        });
      });
      event.entry = entry.set("data", data); // Decap saves the event's entry (lib/registry.js, invokeEvent)
      return undefined;
    }
    if (collection !== REPORTS) return undefined;
    var id = checkReport(entry.get("data"));
    if (!entry.get("newRecord")) return undefined;
    return hasReport(id).then(function (found) {
      if (found) refuse("Åtgärd " + id + " har redan en rapport. Öppna den i listan Uppföljning och lägg till en anteckning där.");
      // The file is named by the id as written ("1.1.yaml"): Decap's own file names turn "." into "-".
      event.entry = entry.set("newRecord", false).set("slug", id).set("path", reportsFolder() + id + ".yaml");
      return undefined;
    });
  }

  // --- The action's name beside its id ----------------------------------------------------

  function actionNames() {
    var names = {};
    var collection = state().collections.get(REPORTS);
    if (!collection) return names;
    collection.get("fields").forEach(function (field) {
      if (field.get("name") !== "id") return;
      field.get("options").forEach(function (option) { names[option.get("value")] = option.get("label"); });
    });
    return names;
  }

  var names = null;
  function nameReports() {
    if (!window.borasForm.store || !state().collections.get(REPORTS)) return;
    names = names || actionNames();
    // Card and list titles are Decap's summary, the bare id: its text node gets the action's name.
    document.querySelectorAll("h2, h3, [class*=CardHeading]").forEach(function (heading) {
      heading.childNodes.forEach(function (node) {
        if (node.nodeType === 3 && Object.prototype.hasOwnProperty.call(names, node.nodeValue.trim())) {
          node.nodeValue = names[node.nodeValue.trim()];
        }
      });
    });
  }

  var CMS = window.CMS;
  CMS.registerLocale("sv", merged(CMS.getLocale("sv"), words));
  CMS.registerEventListener({ name: "preSave", handler: preSave });
  new MutationObserver(nameReports).observe(document.body, { childList: true, subtree: true, characterData: true });
  CMS.init();
})();
