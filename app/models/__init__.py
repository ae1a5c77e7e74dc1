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
from app.models.faces import FaceCounter, FaceTombstone
from app.models.ledger import Account, Lot, LotUse, SettlementRun, Transfer
from app.models.loyalty_rules import PointsRule, Tier, TierChange
from app.models.members import Consent, Member, MemberCard
from app.models.org import Merchant, Promotion, Setting, Staff, Store, Terminal, TierMultiplier
from app.models.payments import PaymentRecord
from app.models.pointcodes import AttemptFailure, FeedbackAnswer, GuideLinkRule, PhoneChallenge
from app.models.records import ApprovalGrant, AuditEntry, OutboxMessage
from app.models.rewards import (
    Partner,
    PartnerConversion,
    Reward,
    RewardOrder,
    Wallet,
    WalletEntry,
    WalletLot,
    WalletUse,
)
from app.models.sales import Payment, Sale, SaleLine, Shift
from app.models.settlement import SettlementLine

ALL_MODELS = [
    Setting, Merchant, TierMultiplier, Promotion, Store, Terminal, Staff,
    Member, Consent, MemberCard,
    Category, Product, Barcode, ProductTerm, PointsRule, Tier, TierChange,
    Shift, Sale, SaleLine, Payment, PaymentRecord,
    Account, Transfer, Lot, LotUse, SettlementRun, SettlementLine,
    Offer, Coupon, PointCodeBatch, PointCode, FeedbackAnswer, GuideLinkRule, AttemptFailure,
    PhoneChallenge, StoredValueCard,
    ScanOrder, ScanOrderLine, FaceTemplate, Visit,
    FaceCounter, FaceTombstone,
    OutboxMessage, AuditEntry, ApprovalGrant,
    Reward, RewardOrder, Wallet, WalletEntry, WalletLot, WalletUse, Partner, PartnerConversion,
]

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS"]
