"""Import Word (.docx), text (.txt) and Markdown (.md) plans into plans/*.md drafts.

One noun per module: reader (file -> clean lines), paragraphs (rejoin wrapped lines), when (dates and
times as written), header, references (số hiệu, căn cứ), events (sự kiện), deadlines (thời hạn), units
(đơn vị trách nhiệm, đối tượng), signature (nơi nhận, người ký), body (Markdown), writer (YAML), cli.
Plain Python: no MkDocs, no network.
"""


