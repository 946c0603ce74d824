// Decap's Swedish locale lacks these strings (decap-cms-locales 3.x): ours are added, then the CMS starts.
(function () {
  "use strict";
  var additions = {
    auth: { loginWithForgejo: "Logga in med Forgejo" },
    collection: {
      collectionTop: { viewAsList: "Visa som lista", viewAsGrid: "Visa som rutnät" },
      entries: { unpublishedHeader: "Opublicerade poster" },
    },
    editor: {
      editorControl: { field: { widgetLabel: "fältet %{widgetLabel}" } },
      editorControlPane: {
        i18n: {
          copyFromLocale: "Fyll i från ett annat språk",
          copyFromLocaleConfirm: "Vill du fylla i uppgifterna från språket %{locale}?\nAllt befintligt innehåll skrivs över.",
        },
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
        statusInfoTooltipDraft: "Posten är ett utkast. Ändra status till ”Under granskning” när den är klar att granskas.",
        statusInfoTooltipInReview: "Posten granskas. Du behöver inte göra något mer, men du kan fortfarande ändra den.",
      },
      editorWidgets: {
        markdown: {
          strikethrough: "Genomstruken",
          toggleMode: { rich: "Byt till formaterad text", markdown: "Byt till Markdown" },
        },
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
  };

  function merged(base, extra) {
    var out = {};
    Object.keys(base || {}).forEach(function (key) { out[key] = base[key]; });
    Object.keys(extra).forEach(function (key) {
      var value = extra[key];
      out[key] = value && typeof value === "object" ? merged(out[key], value) : (out[key] === undefined ? value : out[key]);
    });
    return out;
  }

  var CMS = window.CMS;
  CMS.registerLocale("sv", merged(CMS.getLocale("sv"), additions));
  CMS.init();
})();
