"""The web editor at /quan-tri/ (Decap CMS): its configuration, generated from the plan schema, and a
local backend that writes plans into plans/ changing only what the form changed."""
