/* Bahasa Indonesia untuk Decap CMS: setiap kunci locale "en" dari decap-cms-locales, diterjemahkan.
   tests/test_cms.py gagal bila versi Decap baru menambah kunci yang belum ada di sini. */
(function (root) {
  var id = {
    auth: {
      login: 'Masuk',
      loggingIn: 'Sedang masuk…',
      loginWithNetlifyIdentity: 'Masuk dengan Netlify Identity',
      loginWithAzure: 'Masuk dengan Azure',
      loginWithBitbucket: 'Masuk dengan Bitbucket',
      loginWithGitHub: 'Masuk dengan GitHub',
      loginWithGitLab: 'Masuk dengan GitLab',
      loginWithGitea: 'Masuk dengan Gitea',
      loginWithForgejo: 'Masuk dengan Forgejo',
      errors: {
        email: 'Isi alamat surel Anda.',
        password: 'Isi kata sandi Anda.',
        identitySettings: 'Pengaturan identitas tidak bisa dibuka. Bila memakai backend git-gateway, aktifkan layanan Identity dan Git Gateway.'
      }
    },
    app: {
      header: {
        content: 'Isi situs',
        workflow: 'Tinjauan',
        media: 'Gambar',
        quickAdd: 'Tulis baru'
      },
      app: {
        errorHeader: 'Pengaturan editor tidak bisa dimuat',
        configErrors: 'Kesalahan pengaturan',
        checkConfigYml: 'Periksa berkas config.yml (dibuat saat build dari kelurahan/schema/).',
        loadingConfig: 'Memuat pengaturan…',
        waitingBackend: 'Menunggu repositori…'
      },
      notFoundPage: {
        header: 'Halaman tidak ditemukan'
      }
    },
    collection: {
      sidebar: {
        collections: 'Jenis tulisan',
        allCollections: 'Semua jenis tulisan',
        searchAll: 'Cari di semua',
        searchIn: 'Cari di'
      },
      collectionTop: {
        sortBy: 'Urutkan menurut',
        viewAs: 'Tampilan',
        viewAsList: 'Tampilan daftar',
        viewAsGrid: 'Tampilan kisi',
        newButton: 'Tulis %{collectionLabel} baru', // tanpa '＋' lebar: tidak ada di semua huruf ponsel
        newButtonAriaLabel: 'Tulis %{collectionLabel} baru',
        ascending: 'Naik',
        descending: 'Turun',
        searchResults: 'Hasil pencarian "%{searchTerm}"',
        searchResultsInCollection: 'Hasil pencarian "%{searchTerm}" di %{collection}',
        filterBy: 'Saring menurut',
        groupBy: 'Kelompokkan menurut'
      },
      entries: {
        loadingEntries: 'Memuat tulisan…',
        cachingEntries: 'Menyiapkan tulisan…',
        longerLoading: 'Ini bisa memakan waktu beberapa menit',
        noEntries: 'Belum ada tulisan',
        unpublishedHeader: 'Tulisan belum terbit'
      },
      groups: {
        other: 'Lainnya',
        negateLabel: 'Bukan %{label}'
      },
      defaultFields: {
        author: {
          label: 'Penulis'
        },
        updatedOn: {
          label: 'Diubah pada'
        }
      }
    },
    editor: {
      editorControl: {
        field: {
          optional: 'boleh kosong',
          widgetLabel: 'kolom %{widgetLabel}'
        }
      },
      editorControlPane: {
        widget: {
          required: '%{fieldLabel} wajib diisi.',
          regexPattern: '%{fieldLabel} tidak sesuai pola: %{pattern}.',
          processing: '%{fieldLabel} sedang diproses.',
          range: '%{fieldLabel} harus antara %{minValue} dan %{maxValue}.',
          min: '%{fieldLabel} paling kecil %{minValue}.',
          max: '%{fieldLabel} paling besar %{maxValue}.',
          rangeCount: '%{fieldLabel} harus berisi %{minCount} sampai %{maxCount} butir.',
          rangeCountExact: '%{fieldLabel} harus berisi tepat %{count} butir.',
          rangeMin: '%{fieldLabel} paling sedikit %{minCount} butir.',
          rangeMax: '%{fieldLabel} paling banyak %{maxCount} butir.',
          invalidPath: "'%{path}' bukan alamat berkas yang sah",
          pathExists: "Alamat berkas '%{path}' sudah dipakai"
        },
        i18n: {
          writingInLocale: 'Menulis dalam %{locale}',
          copyFromLocale: 'Isi dari bahasa lain',
          copyFromLocaleConfirm: 'Isi dari bahasa %{locale}?\nSemua isi yang ada akan ditimpa.'
        }
      },
      editor: {
        onLeavePage: 'Yakin meninggalkan halaman ini?',
        onUpdatingWithUnsavedChanges: 'Ada perubahan yang belum disimpan. Simpan dulu sebelum mengubah status.',
        onPublishingNotReady: 'Ubah status menjadi "Siap terbit" dulu sebelum menerbitkan.',
        onPublishingWithUnsavedChanges: 'Ada perubahan yang belum disimpan. Simpan dulu sebelum menerbitkan.',
        onPublishing: 'Yakin menerbitkan tulisan ini?',
        onUnpublishing: 'Yakin menarik tulisan ini dari situs?',
        onDeleteWithUnsavedChanges: 'Yakin menghapus tulisan yang sudah terbit ini, beserta perubahan yang belum disimpan?',
        onDeletePublishedEntry: 'Yakin menghapus tulisan yang sudah terbit ini?',
        onDeleteUnpublishedChangesWithUnsavedChanges: 'Semua perubahan yang belum terbit dan yang belum disimpan akan dihapus. Tetap hapus?',
        onDeleteUnpublishedChanges: 'Semua perubahan yang belum terbit akan dihapus. Tetap hapus?',
        loadingEntry: 'Memuat tulisan…',
        confirmLoadBackup: 'Ada cadangan tulisan ini di perangkat Anda. Pakai cadangan itu?'
      },
      editorInterface: {
        toggleI18n: 'Tampilkan/sembunyikan bahasa lain',
        togglePreview: 'Tampilkan/sembunyikan pratinjau',
        toggleScrollSync: 'Gulir bersamaan',
        toggleNotes: 'Tampilkan/sembunyikan catatan'
      },
      editorNotesPane: {
        title: 'Catatan',
        emptyState: 'Belum ada catatan. Tulis catatan pertama di bawah untuk mulai berdiskusi.',
        addNote: 'Tambah catatan',
        addPlaceholder: 'Tulis catatan…',
        editPlaceholder: 'Ubah catatan…',
        save: 'Simpan',
        cancel: 'Batal',
        edit: 'Ubah',
        delete: 'Hapus',
        resolve: 'Tandai selesai',
        unresolve: 'Buka lagi',
        confirmDelete: 'Yakin menghapus catatan ini?',
        shortcut: 'Kiat: tekan Ctrl+Enter untuk menambah catatan'
      },
      editorToolbar: {
        publishing: 'Menerbitkan…',
        publish: 'Terbitkan',
        published: 'Sudah terbit',
        unpublish: 'Tarik dari situs',
        duplicate: 'Gandakan',
        unpublishing: 'Menarik dari situs…',
        publishAndCreateNew: 'Terbitkan lalu tulis baru',
        publishAndDuplicate: 'Terbitkan lalu gandakan',
        deleteUnpublishedChanges: 'Hapus perubahan yang belum terbit',
        deleteUnpublishedEntry: 'Hapus tulisan yang belum terbit',
        deletePublishedEntry: 'Hapus tulisan yang sudah terbit',
        deleteEntry: 'Hapus tulisan',
        saving: 'Menyimpan…',
        save: 'Simpan',
        statusInfoTooltipDraft: 'Status tulisan: draf. Untuk mengajukan tinjauan, ubah status menjadi ‘Ditinjau’',
        statusInfoTooltipInReview: 'Tulisan sedang ditinjau; tidak perlu tindakan lain. Anda masih boleh mengubahnya selama ditinjau.',
        deleting: 'Menghapus…',
        updating: 'Memperbarui…',
        status: 'Status: %{status}',
        backCollection: ' Menulis di %{collectionLabel}',
        unsavedChanges: 'Belum disimpan',
        changesSaved: 'Perubahan tersimpan',
        draft: 'Draf',
        inReview: 'Ditinjau',
        ready: 'Siap terbit',
        publishNow: 'Terbitkan sekarang',
        deployPreviewPendingButtonLabel: 'Periksa pratinjau',
        deployPreviewButtonLabel: 'Lihat pratinjau',
        deployButtonLabel: 'Lihat di situs'
      },
      editorWidgets: {
        markdown: {
          bold: 'Tebal',
          italic: 'Miring',
          strikethrough: 'Coret',
          code: 'Kode',
          link: 'Tautan',
          linkPrompt: 'Masukkan alamat tautan',
          headings: 'Subjudul',
          quote: 'Kutipan',
          bulletedList: 'Daftar berbutir',
          numberedList: 'Daftar bernomor',
          addComponent: 'Tambah komponen',
          richText: 'Teks berformat',
          markdown: 'Markdown',
          toggleMode: {
            rich: 'Beralih ke teks berformat',
            markdown: 'Beralih ke Markdown'
          }
        },
        image: {
          choose: 'Pilih gambar',
          chooseMultiple: 'Pilih gambar-gambar',
          chooseUrl: 'Sisipkan dari alamat web',
          replaceUrl: 'Ganti dengan alamat web',
          promptUrl: 'Masukkan alamat gambar',
          chooseDifferent: 'Pilih gambar lain',
          addMore: 'Tambah gambar',
          remove: 'Buang gambar',
          removeAll: 'Buang semua gambar'
        },
        file: {
          choose: 'Pilih berkas',
          chooseUrl: 'Sisipkan dari alamat web',
          chooseMultiple: 'Pilih berkas-berkas',
          replaceUrl: 'Ganti dengan alamat web',
          promptUrl: 'Masukkan alamat berkas',
          chooseDifferent: 'Pilih berkas lain',
          addMore: 'Tambah berkas',
          remove: 'Buang berkas',
          removeAll: 'Buang semua berkas'
        },
        unknownControl: {
          noControl: "Tidak ada isian untuk jenis kolom '%{widget}'."
        },
        unknownPreview: {
          noPreview: "Tidak ada pratinjau untuk jenis kolom '%{widget}'."
        },
        headingOptions: {
          headingOne: 'Subjudul 1',
          headingTwo: 'Subjudul 2',
          headingThree: 'Subjudul 3',
          headingFour: 'Subjudul 4',
          headingFive: 'Subjudul 5',
          headingSix: 'Subjudul 6'
        },
        datetime: {
          now: 'Sekarang',
          clear: 'Kosongkan',
          setToNow: 'Isi %{fieldLabel} dengan waktu sekarang'
        },
        list: {
          add: 'Tambah %{item}',
          addType: 'Tambah %{item}'
        },
        object: {
          expand: 'Buka',
          collapse: 'Tutup'
        }
      }
    },
    mediaLibrary: {
      mediaLibraryCard: {
        draft: 'Draf',
        copy: 'Salin',
        copyUrl: 'Salin alamat',
        copyPath: 'Salin jalur',
        copyName: 'Salin nama',
        copied: 'Tersalin'
      },
      mediaLibrary: {
        onDelete: 'Yakin menghapus gambar yang dipilih?',
        fileTooLarge: 'Berkas terlalu besar.\nBatasnya %{size} kB.'
      },
      mediaLibraryModal: {
        loading: 'Memuat…',
        close: 'Tutup',
        noResults: 'Tidak ada hasil.',
        noAssetsFound: 'Belum ada berkas.',
        noImagesFound: 'Belum ada gambar.',
        private: 'Pribadi ',
        images: 'Gambar',
        mediaAssets: 'Berkas',
        search: 'Cari…',
        uploading: 'Mengunggah…',
        upload: 'Unggah',
        download: 'Unduh',
        deleting: 'Menghapus…',
        deleteSelected: 'Hapus yang dipilih',
        chooseSelected: 'Pakai yang dipilih'
      }
    },
    ui: {
      default: {
        goBackToSite: 'Kembali ke situs'
      },
      errorBoundary: {
        title: 'Terjadi galat',
        details: 'Terjadi galat — mohon ',
        reportIt: 'laporkan ke tim kota (GitHub).',
        detailsHeading: 'Rincian',
        privacyWarning: 'Laporan diisi otomatis dengan pesan galat dan data teknis.\nPeriksa isinya dan hapus data pribadi bila ada.',
        recoveredEntry: {
          heading: 'Tulisan yang diselamatkan',
          warning: 'Salin dan tempel tulisan ini ke tempat lain sebelum meninggalkan halaman!',
          copyButtonLabel: 'Salin ke papan klip'
        }
      },
      settingsDropdown: {
        logOut: 'Keluar',
        account: 'Menu akun'
      },
      toast: {
        onFailToLoadEntries: 'Tulisan gagal dimuat: %{details}',
        onFailToLoadDeployPreview: 'Pratinjau gagal dimuat: %{details}',
        onFailToPersist: 'Tulisan gagal disimpan: %{details}',
        onFailToDelete: 'Tulisan gagal dihapus: %{details}',
        onFailToUpdateStatus: 'Status gagal diubah: %{details}',
        missingRequiredField: 'Ada kolom wajib yang belum diisi. Lengkapi dulu sebelum menyimpan.',
        entrySaved: 'Tulisan tersimpan',
        entryPublished: 'Tulisan terbit',
        entryUnpublished: 'Tulisan ditarik dari situs',
        onFailToPublishEntry: 'Gagal menerbitkan: %{details}',
        onFailToUnpublishEntry: 'Gagal menarik tulisan: %{details}',
        entryUpdated: 'Status tulisan diubah',
        onDeleteUnpublishedChanges: 'Perubahan yang belum terbit dihapus',
        noteAdded: 'Catatan ditambahkan',
        onFailToAddNote: 'Catatan gagal ditambahkan: %{details}',
        noteUpdated: 'Catatan diubah',
        onFailToUpdateNote: 'Catatan gagal diubah: %{details}',
        noteDeleted: 'Catatan dihapus',
        onFailToDeleteNote: 'Catatan gagal dihapus: %{details}',
        noteResolved: 'Catatan ditandai selesai',
        noteReopened: 'Catatan dibuka lagi',
        onFailToToggleNote: 'Status catatan gagal diubah: %{details}',
        onFailToAuth: '%{details}',
        onLoggedOut: 'Anda telah keluar. Simpan salinan tulisan Anda, lalu masuk lagi',
        onBackendDown: 'Layanan repositori sedang terganggu. Lihat %{details}'
      }
    },
    workflow: {
      workflow: {
        loading: 'Memuat daftar tinjauan',
        workflowHeading: 'Tinjauan sebelum terbit',
        newPost: 'Tulis baru',
        description: '%{smart_count} tulisan menunggu tinjauan, %{readyCount} siap terbit. |||| %{smart_count} tulisan menunggu tinjauan, %{readyCount} siap terbit. ',
        dateFormat: 'D MMMM'
      },
      workflowCard: {
        lastChange: '%{date} oleh %{author}',
        lastChangeNoAuthor: '%{date}',
        lastChangeNoDate: 'oleh %{author}',
        deleteChanges: 'Hapus perubahan',
        deleteNewEntry: 'Hapus tulisan baru',
        publishChanges: 'Terbitkan perubahan',
        publishNewEntry: 'Terbitkan tulisan baru'
      },
      workflowList: {
        onDeleteEntry: 'Yakin menghapus tulisan ini?',
        onPublishingNotReadyEntry: 'Hanya tulisan berstatus "Siap terbit" yang bisa diterbitkan. Geser kartunya ke kolom "Siap terbit" dulu.',
        onPublishEntry: 'Yakin menerbitkan tulisan ini?',
        draftHeader: 'Draf',
        inReviewHeader: 'Ditinjau',
        readyHeader: 'Siap terbit',
        currentEntries: '%{smart_count} tulisan |||| %{smart_count} tulisan'
      }
    }
  };
  root.KP_BAHASA_ID = id;
  if (typeof module === 'object' && module.exports) module.exports = id;
})(typeof window !== 'undefined' ? window : globalThis);
