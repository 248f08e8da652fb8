"""Decap CMS configuration for /quan-tri/, generated from the plan schema and the topic registry.

The fields come from loaphuong.validation (the same lists `python -m loaphuong check` reads), in the order
`python -m loaphuong new` writes them; labels and hints from loaphuong.editor.fields. A field added to the schema
therefore appears in the form without touching this module.
"""

from __future__ import annotations

import datetime as dt

import yaml

from .. import recurrence, scaffold, validation
from ..topic import TopicRegistry
from .fields import FIELDS, SUBFIELDS, FieldText

PLANS_FOLDER = "plans"
REGISTRY_PATH = "plans/chuyen-muc.yml"
REGISTRY_WRAPPER = "chu_de"  # Decap cannot edit a top-level YAML list: the local backend wraps it in this key
MEDIA_FOLDER = "docs/assets/images"
PUBLIC_FOLDER = "assets/images"
DEFAULT_BACKEND_URL = "http://127.0.0.1:8081/api/v1"
FILE_NAME_KEY = "_ten_tep"  # set by quan-tri/editor.js before saving, never written to the plan file

# Same expressions as validation.py, so the form refuses what `check` would question.
SO_HIEU_PATTERN = "^(?:{}|{})$".format(validation.PARTY_NUMBER.pattern.strip("^$"),
                                       validation.STATE_NUMBER.pattern.strip("^$"))
# Decap shows "<Nhãn> không khớp với mẫu: <message>".
SO_HIEU_MESSAGE = "cần dạng 173-KH/ĐU (văn bản Đảng) hoặc 12/KH-UBND (văn bản Nhà nước), không có dấu cách"
PARTIAL_DATE_PATTERN = r"^\d{4}-(?:\d{2}-\d{2}|\d{2}|[Qq][1-4])$"
PARTIAL_DATE_MESSAGE = "chọn ngày trên lịch, hoặc viết cả tháng 2026-05, cả quý 2026-Q2"
TIME_PATTERN = validation.TIME_PATTERN.pattern  # "14:00", "14h", "14 giờ 30" as `check` reads them
TIME_MESSAGE = "viết dạng 14:00 (hoặc 14h, 14 giờ 30)"
SLUG_MESSAGE = "chỉ gồm chữ thường không dấu, số và dấu '-', ví dụ 2025-173-kh-du"
NHIEM_KY_PATTERN = r"^\d{4}\s*-\s*\d{4}$"


def field_order() -> list[str]:
    """Every top-level field of the schema: the order of `loaphuong new`, then any field it does not write."""
    scaffolded = list(yaml.safe_load(scaffold.render(dt.date(2000, 1, 1)).split("---")[1]) or {})
    known = set(validation.KNOWN_KEYS)
    order = [key for key in scaffolded if key in known]
    return order + sorted(known - set(order))


def text_for(key: str, parent: str | None = None) -> FieldText:
    """Label and hint; a field nobody has described yet is shown with its key (a test asks for a real label)."""
    table = SUBFIELDS.get(parent, {}) if parent else FIELDS
    return table.get(key) or FieldText(key, "")


def _field(key: str, topics: TopicRegistry, parent: str | None = None) -> dict:
    text = text_for(key, parent)
    field: dict = {"name": key, "label": text.label, "hint": text.hint}
    if parent:
        # Not enforced by the form: `check` reads an all-empty item (as `new` scaffolds them) as no item, and the
        # backend reports a half-filled one with check's message. The hint says "(bắt buộc)".
        field["required"] = False
    else:
        required = key in validation.REQUIRED_KEYS and key not in validation.NULLABLE_REQUIRED
        field["required"] = required
    kind = text.kind
    if not parent and key in validation.RECORD_KEYS:
        field.update(widget="list", collapsed=False, add_to_top=False,
                     label_singular=text.label.lower(), summary=_summary(key),
                     fields=[_field(sub, topics, key) for sub in validation.RECORD_KEYS[key]])
    elif kind == "lines" or (not parent and key in validation.LIST_KEYS):
        field.update(widget="list", field={"name": "muc", "label": text.label, "widget": "string"})
    elif kind == "topics":
        field.update(widget="select", multiple=True, min=1, max=validation.MAX_TOPICS,
                     options=[{"label": f"{t.ten} ({'chuyên trang' if t.is_campaign else 'chuyên mục'})",
                               "value": t.slug} for t in topics])
    elif kind == "bool":
        field.update(widget="boolean", default=True)
    elif kind == "date":
        field.update(widget="datetime", format="YYYY-MM-DD", date_format="DD/MM/YYYY", time_format=False)
        if key == "ngay_dang" or parent:  # Decap's date picker fills in today unless told otherwise
            field["default"] = ""
    elif kind == "partial_date":
        field.update(widget="ngay-linh-hoat", pattern=[PARTIAL_DATE_PATTERN, PARTIAL_DATE_MESSAGE])
    elif kind == "time":
        field.update(widget="string", pattern=[TIME_PATTERN, TIME_MESSAGE])
    elif kind == "period":
        field.update(widget="select", default="", options=[{"label": label, "value": key_}
                                                            for key_, label in recurrence.LABELS.items()])
    elif kind == "image":
        field.update(widget="image", choose_url=True)
    elif kind == "text":
        field.update(widget="text")
    else:
        field.update(widget="string")
    if key == "so_hieu" and not parent:  # cited documents are not checked for the pattern by `check` either
        field["pattern"] = [SO_HIEU_PATTERN, SO_HIEU_MESSAGE]
    elif key == "slug" and not parent:
        field["pattern"] = [validation.SLUG_PATTERN.pattern, SLUG_MESSAGE]
    elif key == "nhiem_ky":
        field["pattern"] = [NHIEM_KY_PATTERN, "viết dạng 2025-2030"]
    elif key == "loai_van_ban":
        field["default"] = "Kế hoạch"
    if not parent and key in validation.LIST_KEYS:
        field["field"]["pattern"] = ([validation.SLUG_PATTERN.pattern, SLUG_MESSAGE] if key == "slug_cu"
                                     else field["field"].get("pattern"))
        if field["field"]["pattern"] is None:
            del field["field"]["pattern"]
    return field


def _summary(key: str) -> str:
    first = validation.RECORD_KEYS[key]
    if key in ("can_cu", "van_ban_lien_quan"):
        return "{{fields.loai}} {{fields.so_hieu}} {{fields.trich_yeu}}"
    if key == "su_kien":
        return "{{fields.ten}} — {{fields.ngay}}"
    if key == "thoi_han":
        return "{{fields.viec}} — {{fields.han}}"
    return "{{fields.%s}}" % first[0]


def plan_fields(topics: TopicRegistry) -> list[dict]:
    return [_field(key, topics) for key in field_order()] + [
        {"name": "body", "label": "Nội dung kế hoạch", "widget": "markdown", "modes": ["raw", "rich_text"],
         "hint": "Mỗi mục lớn là một tiêu đề \"## I. …\", mục nhỏ \"### 1. …\".", "required": False}]


def topic_fields() -> list[dict]:
    kinds = [{"label": "Chuyên trang (chiến dịch)", "value": "chuyen-trang"},
             {"label": "Chuyên mục (chủ đề)", "value": "chuyen-muc"}]
    return [{
        "name": REGISTRY_WRAPPER, "label": "Chuyên trang và chuyên mục", "widget": "list", "collapsed": True,
        "label_singular": "chuyên mục", "summary": "{{fields.ten}} ({{fields.slug}})",
        "fields": [
            {"name": "slug", "label": "Địa chỉ (slug)", "widget": "string", "required": True,
             "hint": "Chữ thường không dấu, số và '-'. Đổi slug làm hỏng các kế hoạch đang dùng nó.",
             "pattern": [validation.SLUG_PATTERN.pattern, SLUG_MESSAGE]},
            {"name": "ten", "label": "Tên hiển thị", "widget": "string", "required": True, "hint": ""},
            {"name": "loai", "label": "Loại", "widget": "select", "options": kinds, "default": "chuyen-muc",
             "required": True, "hint": "Chuyên trang: đợt, chiến dịch; chuyên mục: chủ đề lâu dài."},
            {"name": "mo_ta", "label": "Mô tả", "widget": "text", "required": False, "hint": "Giới thiệu ngắn."},
            {"name": "anh_bia", "label": "Ảnh bìa", "widget": "image", "required": False, "choose_url": True,
             "hint": "Ảnh trong docs/assets/images/."},
            {"name": "thu_tu", "label": "Thứ tự", "widget": "number", "value_type": "int", "required": False,
             "hint": "Số nhỏ đứng trước."},
        ],
    }]


# Until `extra: editor:` in mkdocs.yml names the real repository (README: "Trình soạn trên web").
DEFAULT_PRODUCTION = {"backend": {"name": "github", "repo": "ten-to-chuc/loaphuong", "branch": "main"},
                      "publish_mode": "editorial_workflow"}


def build_config(topics: TopicRegistry, *, backend_url: str = DEFAULT_BACKEND_URL, site_url: str | None = None,
                 production: dict | None = None) -> dict:
    """The whole config.yml as a dict. `production` is mkdocs.yml's `extra: editor:` ({backend: {name: github|
    gitlab|gitea, repo, branch, base_url, ...}, publish_mode}); the local backend ignores the publish mode."""
    production = {**DEFAULT_PRODUCTION, **(production or {})}
    config: dict = {
        "locale": "vi",
        "backend": production["backend"],
        # Used only when the editor is opened on localhost/127.0.0.1 (`make editor`).
        "local_backend": {"url": backend_url},
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            {
                "name": "ke-hoach", "label": "Kế hoạch", "label_singular": "kế hoạch",
                "description": "Mỗi kế hoạch là một tệp trong plans/. Bản nháp không đăng ở đâu cả.",
                "folder": PLANS_FOLDER, "extension": "md", "format": "frontmatter", "create": True,
                # File name = the plan's default address, as `python -m loaphuong new 2025-173-kh-du` names it;
                # editor.js computes it with the same rule as validation.default_slug.
                "slug": "{{fields.%s}}" % FILE_NAME_KEY,
                "identifier_field": "trich_yeu",
                "summary": "{{so_hieu}} — {{trich_yeu}}",
                "sortable_fields": ["ngay_ban_hanh", "so_hieu", "trich_yeu"],
                "view_filters": [{"label": "Bản nháp", "field": "ban_nhap", "pattern": True}],
                "preview_path": "ke-hoach/{{slug}}/",
                "fields": plan_fields(topics),
            },
            {
                "name": "danh-muc", "label": "Danh mục chuyên mục", "delete": False,
                "files": [{"name": "chuyen-muc", "label": "Chuyên trang, chuyên mục", "file": REGISTRY_PATH,
                           "format": "yml", "fields": topic_fields()}],
            },
        ],
    }
    if production["backend"].get("name") == "gitea":
        # Decap's Gitea backend has no editorial workflow (3.16: stubs); review happens on a branch instead.
        production["publish_mode"] = "simple"
    if production.get("publish_mode"):
        config["publish_mode"] = production["publish_mode"]
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    return config


def render_config(topics: TopicRegistry, **kwargs) -> str:
    header = ("# Tạo tự động từ lược đồ kế hoạch (loaphuong/editor/config.py) và plans/chuyen-muc.yml "
              "mỗi lần dựng trang: đừng sửa tay.\n")
    return header + yaml.safe_dump(build_config(topics, **kwargs), allow_unicode=True, sort_keys=False, width=120)
