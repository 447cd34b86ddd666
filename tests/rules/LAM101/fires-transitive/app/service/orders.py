from app.service import pricing
