/* Loa Phường editor additions to Decap CMS: the file name rule of `python -m loaphuong new`, a date field
   that also takes a month or a quarter, and a preview shaped like the plan page. No build step: Decap
   exposes CMS, h (React.createElement) and createClass globally. */
(function () {
  "use strict";

  /* Same rule as loaphuong.text.slugify + validation.default_slug: "2026 173-KH/ĐU" -> "2026-173-kh-du". */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  }
  function slugify(text, max) {
    max = max || 80;
    var slug = fold(text).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (slug.length <= max) return slug;
    var cut = slug.slice(0, max + 1);
    if (cut.indexOf("-") >= 0) cut = cut.slice(0, cut.lastIndexOf("-"));
    return cut.slice(0, max).replace(/^-+|-+$/g, "");
  }
  function yearOf(value) {
    var text = value == null ? "" : String(value).trim();
    var iso = /^(\d{4})-\d{1,2}-\d{1,2}/.exec(text);
    if (iso) return iso[1];
    var vn = /^\d{1,2}[\/.-]\d{1,2}[\/.-](\d{4})$/.exec(text);
    if (vn) return vn[1];
    return value instanceof Date ? String(value.getFullYear()) : "";
  }
  function defaultSlug(data) {
    var year = yearOf(data.get("ngay_ban_hanh")) || yearOf(data.get("ngay_dang")) || String(new Date().getFullYear());
    var soHieu = (data.get("so_hieu") || "").trim();
    return slugify(year + " " + (soHieu || data.get("trich_yeu") || ""));
  }
  window.loaphuongSlug = { slugify: slugify, defaultSlug: defaultSlug };

  /* Decap's Vietnamese strings leave a few buttons in English: fill in only what is missing. */
  var missing = { editor: { editorWidgets: {
    list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
    object: { expand: "Mở rộng", collapse: "Thu gọn" },
    image: { chooseUrl: "Chèn từ địa chỉ URL", replaceUrl: "Thay bằng địa chỉ URL", promptUrl: "Nhập địa chỉ URL của ảnh",
             chooseDifferent: "Chọn ảnh khác", remove: "Bỏ ảnh" },
    datetime: { now: "Hôm nay", clear: "Xóa", setToNow: "Đặt %{fieldLabel} là hôm nay" }
  } } };
  function fillIn(target, extra) {
    Object.keys(extra).forEach(function (key) {
      if (extra[key] && typeof extra[key] === "object") fillIn(target[key] = target[key] || {}, extra[key]);
      else if (!(key in target) || /^[\x00-\x7f]*$/.test(String(target[key]).replace(/%\{\w+\}/g, ""))) target[key] = extra[key];
    });
    return target;
  }
  /* Plan bodies are Markdown as the staff guide teaches ("## I. …"); rich text would escape such headings and
     re-serialise tables and admonitions. Raw is the default; a person may switch, and Decap remembers it. */
  try { if (!localStorage.getItem("cms.md-mode")) localStorage.setItem("cms.md-mode", "raw"); } catch (e) { /* private mode */ }

  if (CMS.getLocale && CMS.getLocale("vi")) CMS.registerLocale("vi", fillIn(CMS.getLocale("vi"), missing));

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var data = event.entry.get("data");
      if (event.entry.get("collection") !== "ke-hoach") return data;
      /* Read by the collection's slug template; the local backend and Git history never keep it. */
      return data.set("_ten_tep", (data.get("slug") || "").trim() || defaultSlug(data));
    }
  });

  /* A date as a calendar pick, or typed as a month (2026-05) or a quarter (2026-Q2). */
  var PartialDate = createClass({
    render: function () {
      var props = this.props;
      var value = props.value == null ? "" : String(props.value);
      var full = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : "";
      return h("div", { className: "lp-ngay", style: { display: "flex", gap: "12px", alignItems: "stretch" } },
        h("input", {
          type: "text", id: props.forID, className: props.classNameWrapper, value: value,
          placeholder: "2026-05-20, 2026-05 hoặc 2026-Q2", style: { flex: "1 1 auto" },
          onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle,
          onChange: function (e) { props.onChange(e.target.value.trim()); }
        }),
        h("input", {
          type: "date", value: full, "aria-label": "Chọn ngày trên lịch", title: "Chọn ngày trên lịch",
          className: props.classNameWrapper, style: { flex: "0 0 12rem" },
          onChange: function (e) { props.onChange(e.target.value); }
        }));
    }
  });
  var PartialDatePreview = createClass({
    render: function () { return h("span", {}, vnPartial(this.props.value)); }
  });
  CMS.registerWidget("ngay-linh-hoat", PartialDate, PartialDatePreview);

  /* Dates the official way (Nghị định 30/2020): day < 10 and months 1, 2 take a leading zero. */
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function parts(value) {
    if (value instanceof Date) return [value.getFullYear(), value.getMonth() + 1, value.getDate()];
    var text = value == null ? "" : String(value).trim(), m;
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text))) return [+m[1], +m[2], +m[3]];
    if ((m = /^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})$/.exec(text))) return [+m[3], +m[2], +m[1]];
    return null;
  }
  function vnDate(value) {
    var p = parts(value);
    if (!p) return value ? String(value) : "";
    return "ngày " + pad(p[2]) + " tháng " + (p[1] <= 2 ? pad(p[1]) : p[1]) + " năm " + p[0];
  }
  function shortDate(value) {
    var p = parts(value);
    return p ? pad(p[2]) + "/" + pad(p[1]) + "/" + p[0] : (value ? String(value) : "");
  }
  function vnPartial(value) {
    var text = value == null ? "" : String(value).trim(), m;
    if ((m = /^(\d{4})-[Qq]([1-4])$/.exec(text))) return "quý " + ["I", "II", "III", "IV"][+m[2] - 1] + " năm " + m[1];
    if ((m = /^(\d{4})-(\d{1,2})$/.exec(text))) return "tháng " + (+m[2]) + "/" + m[1];
    return shortDate(text);
  }

  function list(value) { return value && value.toJS ? value.toJS() : (value || []); }
  function topicNames(collection) {
    var names = {};
    collection.get("fields").forEach(function (field) {
      if (field.get("name") !== "chuyen_muc") return;
      list(field.get("options")).forEach(function (o) { names[o.value] = o.label.replace(/ \(chuyên (trang|mục)\)$/, ""); });
    });
    return names;
  }
  function row(label, content, wide) {
    return h("div", { className: wide ? "lp-meta__wide" : "" }, h("dt", {}, label), h("dd", {}, content));
  }
  function vanBan(vb) {
    var text = (vb.loai || "Văn bản") + (vb.so_hieu ? " số " + vb.so_hieu : "");
    if (vb.ngay) text += ", ngày " + shortDate(vb.ngay);
    if (vb.co_quan) text += " của " + vb.co_quan;
    if (vb.trich_yeu) text += " " + vb.trich_yeu;
    return h("li", {}, text);
  }

  /* Same markup and classes as overrides/plan.html, styled by the site's own loaphuong.css. */
  var PlanPreview = createClass({
    render: function () {
      var data = this.props.entry.get("data");
      var get = function (key) { var v = data.get(key); return v == null ? "" : v; };
      var kind = get("loai_van_ban") || "Kế hoạch";
      var names = topicNames(this.props.collection);
      var canCu = list(data.get("can_cu")).filter(function (v) { return v && (v.so_hieu || v.trich_yeu); });
      var lienQuan = list(data.get("van_ban_lien_quan")).filter(function (v) { return v && (v.so_hieu || v.trich_yeu); });
      var suKien = list(data.get("su_kien")).filter(function (s) { return s && s.ten; });
      var thoiHan = list(data.get("thoi_han")).filter(function (t) { return t && t.viec; });
      var noiNhan = list(data.get("noi_nhan")).filter(Boolean);
      var issued = get("ngay_ban_hanh");
      return h("article", { className: "md-typeset lp-plan" },
        get("ban_nhap") !== false ? h("div", { className: "admonition warning lp-draft" },
          h("p", { className: "admonition-title" }, "Bản nháp — chưa đăng công khai")) : null,
        h("header", { className: "lp-plan__header" },
          h("p", { className: "lp-plan__issuer" }, get("co_quan_ban_hanh")),
          h("h1", { className: "lp-plan__title" },
            h("span", { className: "lp-plan__kind" }, get("so_hieu") ? kind + " số " + get("so_hieu") : kind),
            h("span", { className: "lp-plan__subject" }, get("trich_yeu")))),
        h("dl", { className: "lp-meta", "aria-label": "Thông tin văn bản" },
          row("Số hiệu", get("so_hieu") || "Văn bản không ghi số"),
          row("Ngày ban hành", issued ? (get("dia_danh") ? get("dia_danh") + ", " : "") + vnDate(issued) : "Văn bản không ghi ngày"),
          row("Cơ quan ban hành", [get("co_quan_ban_hanh"), get("co_quan_cap_tren") ?
            h("span", { key: "p", className: "lp-meta__parent" }, " (" + get("co_quan_cap_tren") + ")") : null]),
          get("nguoi_ky") ? row("Người ký", get("nguoi_ky") + (get("chuc_vu") ? " — " + get("chuc_vu") : "") +
            (get("tham_quyen") ? " (" + get("tham_quyen") + ")" : "")) : null,
          get("nhiem_ky") ? row("Nhiệm kỳ", get("nhiem_ky")) : null,
          row("Ngày đăng", shortDate(get("ngay_dang") || issued)),
          row("Chuyên mục", list(data.get("chuyen_muc")).map(function (slug) {
            return h("span", { key: slug, className: "lp-chip" }, names[slug] || slug);
          })),
          canCu.length ? row("Căn cứ", h("ul", {}, canCu.map(vanBan)), true) : null,
          lienQuan.length ? row("Văn bản liên quan", h("ul", {}, lienQuan.map(vanBan)), true) : null,
          suKien.length ? row("Sự kiện", h("ul", {}, suKien.map(function (s, i) {
            return h("li", { key: i }, s.ten + (s.ngay ? ": " + vnPartial(s.ngay) : "") + (s.gio ? ", " + s.gio : "") +
              (s.dia_diem ? ", tại " + s.dia_diem : ""));
          })), true) : null,
          thoiHan.length ? row("Thời hạn", h("ul", {}, thoiHan.map(function (t, i) {
            return h("li", { key: i }, t.viec + (t.han ? ": hạn " + vnPartial(t.han) : "") +
              (t.chiu_trach_nhiem ? " (" + t.chiu_trach_nhiem + ")" : ""));
          })), true) : null),
        h("div", { className: "lp-plan__body" }, this.props.widgetFor("body")),
        (get("nguoi_ky") || get("tham_quyen") || get("chuc_vu")) ? h("div", { className: "lp-signature" },
          get("tham_quyen") ? h("p", { className: "lp-signature__authority" }, String(get("tham_quyen")).toUpperCase()) : null,
          get("chuc_vu") ? h("p", { className: "lp-signature__title" }, String(get("chuc_vu")).toUpperCase()) : null,
          get("nguoi_ky") ? h("p", { className: "lp-signature__name" }, get("nguoi_ky")) : null) : null,
        noiNhan.length ? h("section", { className: "lp-recipients" }, h("h2", {}, "Nơi nhận"),
          h("ul", {}, noiNhan.map(function (n, i) { return h("li", { key: i }, n); }))) : null);
    }
  });
  CMS.registerPreviewStyle("preview.css");
  CMS.registerPreviewStyle("../assets/stylesheets/loaphuong.css");
  CMS.registerPreviewTemplate("ke-hoach", PlanPreview);
})();
