from app.legacy import old
