"""Reading a guide page as a reader sees its text (entities unescaped)."""

import html


def guide_page(client, slug):
    response = client.get(f"/guides/{slug}/")
    assert response.status_code == 200, slug
    return html.unescape(response.content.decode())
