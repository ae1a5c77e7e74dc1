"""Every Peewee model of Patron, in dependency order (see ALL_MODELS)."""

from app.models.cards import StoredValueCard
from app.models.catalogue import Barcode, Category, Product, ProductTerm
from app.models.engagement import (
    Coupon,
    FaceTemplate,
    Offer,
    PointCode,
    PointCodeBatch,
    ScanOrder,
    ScanOrderLine,
    Visit,
)
from app.models.ledger import Account, Lot, LotUse, SettlementRun, Transfer
from app.models.members import Consent, Member, MemberCard
from app.models.org import Merchant, Promotion, Setting, Staff, Store, Terminal, TierMultiplier
from app.models.payments import PaymentRecord
from app.models.pointcodes import AttemptFailure, FeedbackAnswer, GuideLinkRule, PhoneChallenge
from app.models.records import ApprovalGrant, AuditEntry, OutboxMessage
from app.models.sales import Payment, Sale, SaleLine, Shift

ALL_MODELS = [
    Setting, Merchant, TierMultiplier, Promotion, Store, Terminal, Staff,
    Member, Consent, MemberCard,
    Category, Product, Barcode, ProductTerm,
    Shift, Sale, SaleLine, Payment, PaymentRecord,
    Account, Transfer, Lot, LotUse, SettlementRun,
    Offer, Coupon, PointCodeBatch, PointCode, FeedbackAnswer, GuideLinkRule, AttemptFailure,
    PhoneChallenge, StoredValueCard,
    ScanOrder, ScanOrderLine, FaceTemplate, Visit,
    OutboxMessage, AuditEntry, ApprovalGrant,
]

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS"]
