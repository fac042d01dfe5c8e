//! The smaller dialogs: budget, yes/no, user picker, category manager.

use crate::domain::{
    BudgetStatus, Category, CategoryId, DecimalMark, ExpenseId, User, matching_categories,
};
use crate::store::BudgetRemoval;

use super::expense_form::ExpenseForm;
use super::text_field::TextField;

/// Sets a category's budget: standing from the month shown on, or for that month alone.
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // Three independent toggles beside the field state.
pub struct BudgetForm {
    pub category: TextField,
    pub amount: TextField,
    /// True while the amount field has the focus.
    pub on_amount: bool,
    pub suggestions: Vec<String>,
    /// Every month from the one shown (a standing budget), rather than that month alone.
    pub standing: bool,
    /// What is left of a month carries into the next.
    pub rollover: bool,
    /// With rollover, an overspend carries into the next month as a debt.
    pub carry_overspending: bool,
    /// The picked category's budget in the month shown, if it has one.
    pub current: Option<BudgetStatus>,
    /// The amount was typed, so picking a category no longer fills it in.
    amount_typed: bool,
    /// The decimal mark a budget filled in is written with, as the user types it.
    mark: DecimalMark,
}

impl BudgetForm {
    /// The form on `category`, filled in from its budget among `budgets` if it has one,
    /// written with the user's decimal mark.
    pub fn new(
        category: &str,
        categories: &[Category],
        budgets: &[BudgetStatus],
        mark: DecimalMark,
    ) -> BudgetForm {
        let mut form = BudgetForm {
            category: TextField::new("Category", category),
            amount: TextField::new("Budget", ""),
            on_amount: !category.is_empty(),
            suggestions: Vec::new(),
            standing: true,
            rollover: false,
            carry_overspending: false,
            current: None,
            amount_typed: false,
            mark,
        };
        form.suggest(categories);
        form.pick(budgets);
        form.focused().focus();
        form
    }

    pub fn focused(&mut self) -> &mut TextField {
        if self.on_amount {
            &mut self.amount
        } else {
            &mut self.category
        }
    }

    /// Tab: complete the category from the first suggestion, then switch fields.
    pub fn switch_field(&mut self, categories: &[Category], budgets: &[BudgetStatus]) {
        if !self.on_amount
            && let Some(first) = self.suggestions.first()
            && !categories.iter().any(|c| c.name == self.category.value())
        {
            let first = first.clone();
            self.category.set(&first);
            self.pick(budgets);
        }
        self.on_amount = !self.on_amount;
        self.focused().focus();
    }

    /// After typing in a field: the category's suggestions, and its budget once it names one.
    pub fn after_edit(&mut self, categories: &[Category], budgets: &[BudgetStatus]) {
        if self.on_amount {
            self.amount_typed = true;
            return;
        }
        self.suggest(categories);
        self.pick(budgets);
    }

    fn suggest(&mut self, categories: &[Category]) {
        self.suggestions = matching_categories(
            self.category.value(),
            categories.iter().map(|c| c.name.as_str()),
        )
        .into_iter()
        .map(str::to_string)
        .collect();
    }

    /// Fills in the budget the named category has, with how it is set, unless an amount was
    /// typed already.
    fn pick(&mut self, budgets: &[BudgetStatus]) {
        let name = self.category.value().trim();
        self.current = budgets
            .iter()
            .find(|b| b.category.eq_ignore_ascii_case(name) || b.category == name)
            .cloned();
        if self.amount_typed {
            return;
        }
        if let Some(budget) = &self.current {
            self.amount = TextField::new("Budget", self.mark.write(&budget.base().to_string()));
            self.standing = budget.standing;
            self.rollover = budget.rollover;
            self.carry_overspending = budget.carry_overspending;
        } else {
            self.amount = TextField::new("Budget", "");
            self.standing = true;
            self.rollover = false;
            self.carry_overspending = false;
        }
    }
}

/// What a "yes" does.
#[derive(Debug, Clone)]
pub enum Pending {
    DeleteExpense(ExpenseId),
    DeleteCategory(CategoryId),
    DeleteRecurring(crate::domain::RecurringId),
    /// Save the form again, with the question just answered taken as agreed.
    SaveExpense(Box<ExpenseForm>),
    /// Add the recurring expense of the screen's form, its unusual start agreed to.
    AddRecurring(Box<super::RecurringManager>),
    /// End a standing budget from a month on, or drop a month's own budget.
    RemoveBudget(CategoryId, BudgetRemoval),
}

/// A yes/no question; the action waits as data until it is answered.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub question: String,
    pub on_yes: Pending,
    /// The dialog to go back to after "no" (and after "yes", unless the answer closes it).
    pub back_to: Option<Box<Modal>>,
}

/// A list to pick one entry from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker<T> {
    pub items: Vec<T>,
    pub highlighted: usize,
}

impl<T> Picker<T> {
    pub fn new(items: Vec<T>, highlighted: usize) -> Picker<T> {
        let highlighted = highlighted.min(items.len().saturating_sub(1));
        Picker { items, highlighted }
    }

    pub fn step(&mut self, down: bool) {
        let last = self.items.len().saturating_sub(1);
        self.highlighted = if down {
            (self.highlighted + 1).min(last)
        } else {
            self.highlighted.saturating_sub(1)
        };
    }

    pub fn current(&self) -> Option<&T> {
        self.items.get(self.highlighted)
    }
}

/// A new category being typed: its name and a description.
#[derive(Debug, Clone)]
pub struct NewCategoryForm {
    pub name: TextField,
    pub description: TextField,
    /// True while the description has the focus.
    pub on_description: bool,
}

impl Default for NewCategoryForm {
    fn default() -> Self {
        NewCategoryForm::new()
    }
}

impl NewCategoryForm {
    pub fn new() -> NewCategoryForm {
        NewCategoryForm {
            name: TextField::new("Name", ""),
            description: TextField::new("About", ""),
            on_description: false,
        }
    }

    pub fn focused(&mut self) -> &mut TextField {
        if self.on_description {
            &mut self.description
        } else {
            &mut self.name
        }
    }

    pub fn switch_field(&mut self) {
        self.on_description = !self.on_description;
        self.focused().focus();
    }
}

/// The category manager: the list, and perhaps a new category being typed.
#[derive(Debug, Clone)]
pub struct CategoryManager {
    pub list: Picker<Category>,
    pub new_category: Option<NewCategoryForm>,
}

/// Every dialog the app can show over the main screen.
#[derive(Debug, Clone)]
pub enum Modal {
    Expense(Box<ExpenseForm>),
    Budget(BudgetForm),
    Confirm(Confirm),
    Help,
    Users(Picker<User>),
    Categories(CategoryManager),
    Import(Box<super::import_dialog::ImportDialog>),
    Recurring(Box<super::recurring_dialog::RecurringManager>),
}
